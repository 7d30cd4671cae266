"""/api/v1/ operations of the cases."""

from django.urls import path

from cases.api import notices, registry

urlpatterns = [
    # --- my cases, a case (CASE-2) ---
    # --- assignment, access review (CASE-4..7, BEY-5) ---
    # --- Notices of Consent and of Change (CASE-3 (b), BEY-1), holders' and the registry's ---
    path(
        "case-link-requests/",
        notices.LinkRequestListApi.as_view(),
        name="api-case-link-requests",
    ),
    path(
        "case-link-requests/<int:pk>/",
        notices.LinkRequestDetailApi.as_view(),
        name="api-case-link-request",
    ),
    path(
        "notices-of-change/",
        notices.NoticeOfChangeListApi.as_view(),
        name="api-notices-of-change",
    ),
    path(
        "notices-of-change/<int:pk>/",
        notices.NoticeOfChangeDetailApi.as_view(),
        name="api-notice-of-change",
    ),
    path(
        "backoffice/case-link-requests/",
        notices.RegistryLinkRequestListApi.as_view(),
        name="api-staff-case-link-requests",
    ),
    path(
        "backoffice/case-link-requests/<int:pk>/",
        notices.RegistryLinkRequestDetailApi.as_view(),
        name="api-staff-case-link-request",
    ),
    path(
        "backoffice/case-link-requests/<int:pk>/accept/",
        notices.RegistryLinkRequestAcceptApi.as_view(),
        name="api-staff-case-link-request-accept",
    ),
    path(
        "backoffice/case-link-requests/<int:pk>/refuse/",
        notices.RegistryLinkRequestRefuseApi.as_view(),
        name="api-staff-case-link-request-refuse",
    ),
    path(
        "backoffice/notices-of-change/",
        notices.RegistryNoticeOfChangeListApi.as_view(),
        name="api-staff-notices-of-change",
    ),
    path(
        "backoffice/notices-of-change/<int:pk>/",
        notices.RegistryNoticeOfChangeDetailApi.as_view(),
        name="api-staff-notice-of-change",
    ),
    path(
        "backoffice/notices-of-change/<int:pk>/accept/",
        notices.RegistryNoticeOfChangeAcceptApi.as_view(),
        name="api-staff-notice-of-change-accept",
    ),
    path(
        "backoffice/notices-of-change/<int:pk>/refuse/",
        notices.RegistryNoticeOfChangeRefuseApi.as_view(),
        name="api-staff-notice-of-change-refuse",
    ),
    # --- the registry's cases and implementation notices; the case-number check (GEN-2) ---
    path("case-check/", registry.CaseCheckApi.as_view(), name="api-case-check"),
    path("backoffice/cases/", registry.CaseListApi.as_view(), name="api-registry-cases"),
    path("backoffice/cases/<int:case_id>/", registry.CaseApi.as_view(), name="api-registry-case"),
    path(
        "backoffice/cases/<int:case_id>/final-disposal/",
        registry.CaseDisposalApi.as_view(),
        name="api-registry-case-final-disposal",
    ),
    path(
        "backoffice/cases/<int:case_id>/reopen/",
        registry.CaseReopenApi.as_view(),
        name="api-registry-case-reopen",
    ),
    path(
        "backoffice/cases/<int:case_id>/parties/",
        registry.CasePartyListApi.as_view(),
        name="api-registry-case-parties",
    ),
    path(
        "backoffice/cases/<int:case_id>/parties/<int:party_id>/",
        registry.CasePartyApi.as_view(),
        name="api-registry-case-party",
    ),
    path(
        "backoffice/implementation-notices/",
        registry.ImplementationNoticeListApi.as_view(),
        name="api-registry-implementation-notices",
    ),
    path(
        "backoffice/implementation-notices/<int:notice_id>/withdraw/",
        registry.ImplementationNoticeWithdrawApi.as_view(),
        name="api-registry-implementation-notice-withdraw",
    ),
    path(
        "backoffice/court-levels/",
        registry.CourtLevelListApi.as_view(),
        name="api-registry-court-levels",
    ),
    path(
        "backoffice/proceeding-types/",
        registry.ProceedingTypeListApi.as_view(),
        name="api-registry-proceeding-types",
    ),
]
