"""/api/v1/ operations of the Message Box (MSG-1, MSG-3, BEY-6) and the registry's directions."""

from django.urls import path

from messaging import api

urlpatterns = [
    # --- the holder's Message Box ---
    path("messages/", api.MessageListApi.as_view(), name="api-messages"),
    path("messages/read-all/", api.MessageReadAllApi.as_view(), name="api-messages-read-all"),
    path("messages/preferences/", api.PreferenceApi.as_view(), name="api-messages-preferences"),
    path("messages/muted-cases/", api.MutedCaseListApi.as_view(), name="api-messages-muted-cases"),
    path(
        "messages/muted-cases/<int:case_id>/",
        api.MutedCaseApi.as_view(),
        name="api-messages-muted-case",
    ),
    path("messages/<int:message_id>/", api.MessageApi.as_view(), name="api-message"),
    path("messages/<int:message_id>/read/", api.MessageReadApi.as_view(), name="api-message-read"),
    path(
        "messages/<int:message_id>/unread/",
        api.MessageUnreadApi.as_view(),
        name="api-message-unread",
    ),
    # --- the registry: a direction to a case (MSG-1, CASE-4) ---
    path(
        "backoffice/cases/<int:case_id>/directions/",
        api.CaseDirectionApi.as_view(),
        name="api-registry-case-directions",
    ),
]
