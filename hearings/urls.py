"""The Cause Book's public pages (/cause-book/) and the holders' calendar (BEY-6)."""

from django.urls import path

from hearings import views

app_name = "hearings"

urlpatterns = [
    path("", views.cause_book, name="cause_book"),
    path("print/", views.cause_book_print, name="print"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("cases/<int:case_id>/", views.case_hearings, name="case_hearings"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
]
