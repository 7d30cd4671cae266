"""The registry's Cause Book pages, mounted in the back office (backoffice.urls)."""

from django.urls import path

from hearings import staff_views

urlpatterns = [
    path("cause-book/", staff_views.hearing_list, name="cause_book"),
    path("cause-book/new/", staff_views.hearing_new, name="cause_book_hearing_new"),
    path("cause-book/import/", staff_views.cause_book_import, name="cause_book_import"),
    path(
        "cause-book/import/sample.csv",
        staff_views.cause_book_import_sample,
        name="cause_book_import_sample",
    ),
    path("cause-book/<int:hearing_id>/", staff_views.hearing_edit, name="cause_book_hearing"),
    path(
        "cause-book/<int:hearing_id>/remove/",
        staff_views.hearing_remove,
        name="cause_book_hearing_remove",
    ),
]
