"""The registry's court-policy and e-filing review pages, mounted in the back office
(backoffice.urls)."""

from django.urls import path

from filing import staff_views

urlpatterns = [
    path("court-policy/", staff_views.court_policy, name="court_policy"),
    path(
        "court-policy/document-types/new/",
        staff_views.document_type_new,
        name="court_policy_document_type_new",
    ),
    path(
        "court-policy/document-types/<int:document_type_id>/",
        staff_views.document_type_edit,
        name="court_policy_document_type",
    ),
    path("court-policy/file-limits/", staff_views.file_limits, name="court_policy_default_limits"),
    path(
        "court-policy/file-limits/<int:proceeding_type_id>/",
        staff_views.file_limits,
        name="court_policy_limits",
    ),
    path(
        "court-policy/file-limits/<int:proceeding_type_id>/remove/",
        staff_views.file_limits_remove,
        name="court_policy_limits_remove",
    ),
    # --- the review of e-filings (SVC-1, CASE-3 (c)) ---
    path("filings/", staff_views.filing_queue, name="filing_queue"),
    path("filings/decided/", staff_views.filings_decided, name="filings_decided"),
    path("filings/<int:filing_id>/", staff_views.filing_review, name="filing_review"),
    path(
        "filings/<int:filing_id>/accept/",
        staff_views.filing_review_accept,
        name="filing_accept",
    ),
    path(
        "filings/<int:filing_id>/reject/",
        staff_views.filing_review_reject,
        name="filing_reject",
    ),
    path(
        "filings/<int:filing_id>/documents/<int:document_id>/download/",
        staff_views.filing_document_download,
        name="filing_document_download",
    ),
]
