"""/api/v1/ operations of the certification of translations (SVC-6)."""

from django.urls import path

from translations import api

urlpatterns = [
    path("translations/", api.CertificationListApi.as_view(), name="api-translations"),
    path(
        "translations/<int:request_id>/",
        api.CertificationApi.as_view(),
        name="api-translation",
    ),
    path(
        "translations/<int:request_id>/withdraw/",
        api.CertificationWithdrawApi.as_view(),
        name="api-translation-withdraw",
    ),
    path(
        "translations/<int:request_id>/pay/",
        api.CertificationPayApi.as_view(),
        name="api-translation-pay",
    ),
    path(
        "translations/<int:request_id>/files/<str:which>/",
        api.CertificationFileApi.as_view(),
        name="api-translation-file",
    ),
    path(
        "backoffice/translations/",
        api.StaffCertificationListApi.as_view(),
        name="api-staff-translations",
    ),
    path(
        "backoffice/translations/<int:request_id>/certify/",
        api.StaffCertificationCertifyApi.as_view(),
        name="api-staff-translation-certify",
    ),
    path(
        "backoffice/translations/<int:request_id>/reject/",
        api.StaffCertificationRejectApi.as_view(),
        name="api-staff-translation-reject",
    ),
]
