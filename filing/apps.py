from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingConfig(AppConfig):
    name = "filing"
    verbose_name = _("e-Filing")

    def ready(self):
        # A filing paid by card or FPS reaches the registry's queue when the gateway's
        # verified event settles its fee.
        from filing.models import Filing
        from filing.services.filings import fee_settled
        from payments.models import PaymentPurpose
        from payments.purposes import (
            description_register,
            fee_bearing_follow_up,
            follow_up_register,
            reference_describer,
            settlement_handler_register,
        )

        settlement_handler_register(PaymentPurpose.FILING_FEE, fee_settled)
        # A receipt and a statement say which case the filing was in (or the new
        # proceedings' title).
        description_register(
            PaymentPurpose.FILING_FEE,
            reference_describer(Filing, lambda filing: filing.case_label),
        )
        # The payer's payment page leads back to the filing.
        follow_up_register(
            PaymentPurpose.FILING_FEE,
            fee_bearing_follow_up(
                Filing,
                label=_("Back to filing %(reference)s"),
                url_name="filing:filing_detail",
                kwarg="filing_id",
            ),
        )
