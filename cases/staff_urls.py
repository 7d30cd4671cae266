"""The registry's case pages, mounted in the back office (backoffice.urls)."""

from django.urls import path

from cases.views import registry

urlpatterns = [
    # --- cases, parties, implementation notices (CASE-1, GEN-2) ---
    path("cases/", registry.case_list, name="registry_cases"),
    path("cases/new/", registry.case_new, name="registry_case_new"),
    path("cases/<int:case_id>/", registry.case_detail, name="registry_case"),
    path("cases/<int:case_id>/edit/", registry.case_edit, name="registry_case_edit"),
    path("cases/<int:case_id>/disposal/", registry.case_disposal, name="registry_case_disposal"),
    path("cases/<int:case_id>/reopen/", registry.case_reopen, name="registry_case_reopen"),
    path("cases/<int:case_id>/parties/new/", registry.party_new, name="registry_party_new"),
    path(
        "cases/<int:case_id>/parties/<int:party_id>/",
        registry.party_edit,
        name="registry_party_edit",
    ),
    path(
        "cases/<int:case_id>/parties/<int:party_id>/remove/",
        registry.party_remove,
        name="registry_party_remove",
    ),
    path("implementation-notices/", registry.notice_list, name="registry_notices"),
    path(
        "implementation-notices/<int:notice_id>/withdraw/",
        registry.notice_withdraw,
        name="registry_notice_withdraw",
    ),
    path("court-levels/", registry.court_levels, name="registry_court_levels"),
    path("proceeding-types/", registry.proceeding_type_new, name="registry_proceeding_type_new"),
    # --- link requests, Notices of Consent and of Change (CASE-3, BEY-1) ---
]
