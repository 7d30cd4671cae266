"""The registry's court-policy pages, mounted in the back office (backoffice.urls)."""

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
]
