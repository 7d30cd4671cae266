"""/api/v1/ operations of the Cause Book (SVC-3)."""

from django.urls import path

from hearings import api

urlpatterns = [
    path("cause-book/", api.CauseBookApi.as_view(), name="api-cause-book"),
]
