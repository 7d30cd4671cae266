"""/api/v1/ operations of the court policy (BEY-2) and the pre-filing check; the holders'
filings (SVC-1); the registry's."""

from django.urls import path

from filing import api, staff_api

urlpatterns = [
    # --- public: the policy and the fee calculation; holders: the pre-filing check ---
    path("policy/", api.PolicyApi.as_view(), name="api-court-policy"),
    path("policy/fees/", api.FeeCalculationApi.as_view(), name="api-court-policy-fees"),
    path("filings/check/", api.FilingCheckApi.as_view(), name="api-filings-check"),
    # --- holders: their filings (SVC-1) ---
    path("filings/", api.FilingListApi.as_view(), name="api-filings"),
    path("filings/<int:filing_id>/", api.FilingApi.as_view(), name="api-filing"),
    path(
        "filings/<int:filing_id>/withdraw/",
        api.FilingWithdrawApi.as_view(),
        name="api-filing-withdraw",
    ),
    path("filings/<int:filing_id>/pay/", api.FilingPayApi.as_view(), name="api-filing-pay"),
    path(
        "filings/<int:filing_id>/documents/<int:document_id>/download/",
        api.FiledDocumentDownloadApi.as_view(),
        name="api-filing-document-download",
    ),
    # --- the registry's maintenance ---
    path(
        "backoffice/document-types/",
        staff_api.DocumentTypeListApi.as_view(),
        name="api-staff-document-types",
    ),
    path(
        "backoffice/document-types/<int:document_type_id>/",
        staff_api.DocumentTypeApi.as_view(),
        name="api-staff-document-type",
    ),
    path(
        "backoffice/file-limits/",
        staff_api.FileLimitsListApi.as_view(),
        name="api-staff-file-limits",
    ),
    path(
        "backoffice/file-limits/default/",
        staff_api.DefaultFileLimitsApi.as_view(),
        name="api-staff-file-limits-default",
    ),
    path(
        "backoffice/file-limits/<int:proceeding_type_id>/",
        staff_api.ProceedingFileLimitsApi.as_view(),
        name="api-staff-file-limits-proceeding",
    ),
    # --- the registry's review of e-filings (SVC-1, CASE-3 (c)) ---
    path("backoffice/filings/", staff_api.StaffFilingListApi.as_view(), name="api-staff-filings"),
    path(
        "backoffice/filings/<int:filing_id>/",
        staff_api.StaffFilingApi.as_view(),
        name="api-staff-filing",
    ),
    path(
        "backoffice/filings/<int:filing_id>/accept/",
        staff_api.StaffFilingAcceptApi.as_view(),
        name="api-staff-filing-accept",
    ),
    path(
        "backoffice/filings/<int:filing_id>/reject/",
        staff_api.StaffFilingRejectApi.as_view(),
        name="api-staff-filing-reject",
    ),
    path(
        "backoffice/filings/<int:filing_id>/documents/<int:document_id>/download/",
        staff_api.StaffFiledDocumentDownloadApi.as_view(),
        name="api-staff-filing-document-download",
    ),
]
