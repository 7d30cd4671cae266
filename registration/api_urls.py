from django.urls import path

from registration import api, staff_api

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
        staff_api.StaffApplicationListApi.as_view(),
        name="api-staff-applications",
    ),
    path(
        "backoffice/applications/<int:pk>/",
        staff_api.StaffApplicationDetailApi.as_view(),
        name="api-staff-application",
    ),
    path(
        "backoffice/applications/<int:pk>/in-order/",
        staff_api.MarkInOrderApi.as_view(),
        name="api-staff-application-in-order",
    ),
    path(
        "backoffice/applications/<int:pk>/request-information/",
        staff_api.RequestInformationApi.as_view(),
        name="api-staff-application-request-information",
    ),
    path(
        "backoffice/applications/<int:pk>/reject/",
        staff_api.RejectApi.as_view(),
        name="api-staff-application-reject",
    ),
    path(
        "backoffice/applications/<int:pk>/authenticate/",
        staff_api.RecordAuthenticationApi.as_view(),
        name="api-staff-application-authenticate",
    ),
    path(
        "backoffice/documents/<int:pk>/",
        staff_api.StaffDocumentDownloadApi.as_view(),
        name="api-staff-document",
    ),
]
