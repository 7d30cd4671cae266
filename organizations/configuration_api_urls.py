from django.urls import path

from organizations import configuration_api, staff_api

urlpatterns = [
    path(
        "organization/configuration-changes/",
        configuration_api.ConfigurationChangeListApi.as_view(),
        name="api-configuration-changes",
    ),
    path(
        "organization/configuration-changes/<int:pk>/",
        configuration_api.ConfigurationChangeDetailApi.as_view(),
        name="api-configuration-change",
    ),
    path(
        "backoffice/configuration-changes/",
        staff_api.StaffConfigurationChangeListApi.as_view(),
        name="api-staff-configuration-changes",
    ),
    path(
        "backoffice/configuration-changes/<int:pk>/",
        staff_api.StaffConfigurationChangeDetailApi.as_view(),
        name="api-staff-configuration-change",
    ),
    path(
        "backoffice/configuration-changes/<int:pk>/approve/",
        staff_api.ApproveConfigurationChangeApi.as_view(),
        name="api-staff-configuration-change-approve",
    ),
    path(
        "backoffice/configuration-changes/<int:pk>/reject/",
        staff_api.RejectConfigurationChangeApi.as_view(),
        name="api-staff-configuration-change-reject",
    ),
]
