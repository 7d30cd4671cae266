from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Certification of translations")

    def ready(self):
        # A request paid by card or FPS reaches the registry's queue when the gateway's verified
        # event settles its fee.
        from core.wording import labelled
        from payments.models import PaymentPurpose
        from payments.purposes import (
            description_register,
            fee_bearing_follow_up,
            follow_up_register,
            reference_describer,
            settlement_handler_register,
        )
        from translations.models import CertificationRequest
        from translations.services import fee_settled

        settlement_handler_register(PaymentPurpose.TRANSLATION_FEE, fee_settled)
        # A receipt and a statement say which case and document the translation is of.
        description_register(
            PaymentPurpose.TRANSLATION_FEE,
            reference_describer(
                CertificationRequest, lambda found: labelled(found.case.number, found.source_title)
            ),
        )
        # The payer's payment page leads back to the request.
        follow_up_register(
            PaymentPurpose.TRANSLATION_FEE,
            fee_bearing_follow_up(
                CertificationRequest,
                label=_("Back to request %(reference)s"),
                url_name="translations:detail",
                kwarg="request_id",
            ),
        )
