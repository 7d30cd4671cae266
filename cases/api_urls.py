"""/api/v1/ operations of the cases."""

from django.urls import path

from cases.api import registry

urlpatterns = [
    # --- my cases, a case (CASE-2) ---
    # --- assignment, access review (CASE-4..7, BEY-5) ---
    # --- Notices of Consent and of Change (CASE-3 (b), BEY-1), holders' and the registry's ---
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
