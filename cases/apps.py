from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        # ORG-3, CASE-7: the organizations layer counts its limits but cannot import the cases;
        # the most OU holders on one of its case parties is counted here.
        from accounts.ending import account_end_step_register
        from cases.selectors.assignment import most_organization_users_on_one_party
        from cases.services.linking import individual_links_end
        from organizations.limits import limit_counter_register

        limit_counter_register(
            "organization_users_per_case_party", most_organization_users_on_one_party
        )
        # LIFE-2, LIFE-5: when an IU account ends, its current case links end (kept as history).
        account_end_step_register("case_links", individual_links_end)
