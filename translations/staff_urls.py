"""The registry's pages on requests for the certification of translations (SVC-6), mounted in
the back office (backoffice.urls)."""

from django.urls import path

from translations import staff_views

urlpatterns = [
    path("translations/", staff_views.queue, name="translation_queue"),
    path("translations/<int:request_id>/", staff_views.review, name="translation_review"),
    path(
        "translations/<int:request_id>/certify/",
        staff_views.certify,
        name="translation_certify",
    ),
    path(
        "translations/<int:request_id>/reject/",
        staff_views.reject,
        name="translation_reject",
    ),
    path(
        "translations/<int:request_id>/files/<str:which>/",
        staff_views.file_download,
        name="translation_file",
    ),
]
