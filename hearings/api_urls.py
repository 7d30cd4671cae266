"""/api/v1/ operations of the Cause Book (SVC-3): the public search first (it is asked most),
a holder's hearings and calendar address (BEY-6), the registry's book."""

from django.urls import path

from hearings import api, staff_api

urlpatterns = [
    path("cause-book/", api.CauseBookApi.as_view(), name="api-cause-book"),
    path("cause-book/calendar/", api.CalendarFeedApi.as_view(), name="api-calendar-feed"),
    path("cases/<int:case_id>/hearings/", api.CaseHearingsApi.as_view(), name="api-case-hearings"),
    path(
        "backoffice/cause-book/",
        staff_api.RegistryHearingListApi.as_view(),
        name="api-registry-cause-book",
    ),
    path(
        "backoffice/cause-book/import/",
        staff_api.CauseBookImportApi.as_view(),
        name="api-registry-cause-book-import",
    ),
    path(
        "backoffice/cause-book/<int:hearing_id>/",
        staff_api.RegistryHearingApi.as_view(),
        name="api-registry-cause-book-hearing",
    ),
]
