"""The holder's Message Box, under /messages/."""

from django.urls import path

from messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("read-all/", views.message_read_all, name="read_all"),
    path("<int:message_id>/", views.message_detail, name="detail"),
    path("<int:message_id>/unread/", views.message_unread, name="unread"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/muted-cases/", views.case_mute, name="case_mute"),
    path(
        "preferences/muted-cases/<int:case_id>/remove/",
        views.case_unmute,
        name="case_unmute",
    ),
]
