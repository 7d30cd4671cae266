from django.urls import path

from registration import api

urlpatterns = [
    path("applications/", api.ApplicationSubmitApi.as_view(), name="api-application-submit"),
    path(
        "applications/by-token/<str:token>/",
        api.ApplicationStatusApi.as_view(),
        name="api-application-status",
    ),
    path(
        "applications/by-token/<str:token>/supplement/",
        api.ApplicationSupplementApi.as_view(),
        name="api-application-supplement",
    ),
    path(
        "backoffice/applications/",
        api.StaffApplicationListApi.as_view(),
        name="api-staff-applications",
    ),
    path(
        "backoffice/applications/<int:pk>/",
        api.StaffApplicationDetailApi.as_view(),
        name="api-staff-application",
    ),
    path(
        "backoffice/applications/<int:pk>/in-order/",
        api.MarkInOrderApi.as_view(),
        name="api-staff-application-in-order",
    ),
    path(
        "backoffice/applications/<int:pk>/request-information/",
        api.RequestInformationApi.as_view(),
        name="api-staff-application-request-information",
    ),
    path(
        "backoffice/applications/<int:pk>/reject/",
        api.RejectApi.as_view(),
        name="api-staff-application-reject",
    ),
    path(
        "backoffice/applications/<int:pk>/authenticate/",
        api.RecordAuthenticationApi.as_view(),
        name="api-staff-application-authenticate",
    ),
    path(
        "backoffice/documents/<int:pk>/",
        api.StaffDocumentDownloadApi.as_view(),
        name="api-staff-document",
    ),
]
