"""The registry's case pages, mounted in the back office (backoffice.urls)."""

from django.urls import path

from cases.views import registry, registry_notices

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
    path(
        "cases/<int:case_id>/links/<int:link_id>/correct/",
        registry.link_correct,
        name="registry_link_correct",
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
    path("link-requests/", registry_notices.link_request_queue, name="link_request_queue"),
    path(
        "link-requests/new/",
        registry_notices.notice_of_consent_key_in,
        name="notice_of_consent_key_in",
    ),
    path(
        "link-requests/<int:pk>/",
        registry_notices.link_request_detail,
        name="link_request_detail",
    ),
    path(
        "link-requests/<int:pk>/accept/",
        registry_notices.link_request_accept,
        name="link_request_accept",
    ),
    path(
        "link-requests/<int:pk>/refuse/",
        registry_notices.link_request_refuse,
        name="link_request_refuse",
    ),
    path(
        "link-requests/<int:pk>/document/",
        registry_notices.link_request_document,
        name="link_request_document",
    ),
    path(
        "notices-of-change/",
        registry_notices.notice_of_change_queue,
        name="notice_of_change_queue",
    ),
    path(
        "notices-of-change/new/",
        registry_notices.notice_of_change_key_in,
        name="notice_of_change_key_in",
    ),
    path(
        "notices-of-change/<int:pk>/",
        registry_notices.notice_of_change_detail,
        name="notice_of_change_detail",
    ),
    path(
        "notices-of-change/<int:pk>/accept/",
        registry_notices.notice_of_change_accept,
        name="notice_of_change_accept",
    ),
    path(
        "notices-of-change/<int:pk>/refuse/",
        registry_notices.notice_of_change_refuse,
        name="notice_of_change_refuse",
    ),
    path(
        "notices-of-change/<int:pk>/document/",
        registry_notices.notice_of_change_document,
        name="notice_of_change_document",
    ),
]
