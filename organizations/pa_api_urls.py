from django.urls import path

from organizations import pa_api

urlpatterns = [
    path("accounts/activate/", pa_api.ActivateApi.as_view(), name="api-activate"),
    path(
        "backoffice/primary-administrator-terminations/",
        pa_api.PrimaryAdministratorTerminationApi.as_view(),
        name="api-primary-administrator-terminate",
    ),
]
