from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "inspection"
    verbose_name = "Public inspection"

    def ready(self):
        # SVC-2, GEN-3: a search fee paid for a document grants its inspection; the payer's
        # secret payment page then leads to the document.
        # Only inspection_start makes a payment for a document, after checking it is open.
        from inspection.rules import DOCUMENT_REFERENCE_PREFIX
        from inspection.services import (
            inspection_follow_ups,
            search_fee_described,
            search_fee_settled,
        )
        from payments.models import PaymentPurpose
        from payments.purposes import (
            description_register,
            follow_up_register,
            reference_prefix_reserve,
            settlement_handler_register,
        )

        settlement_handler_register(PaymentPurpose.SEARCH_FEE, search_fee_settled)
        follow_up_register(PaymentPurpose.SEARCH_FEE, inspection_follow_ups)
        description_register(PaymentPurpose.SEARCH_FEE, search_fee_described)
        reference_prefix_reserve(DOCUMENT_REFERENCE_PREFIX)
