from django.urls import path

from organizations import api

urlpatterns = [
    path("", api.OrganizationApi.as_view(), name="api-organization"),
    path("branches/", api.BranchListApi.as_view(), name="api-organization-branches"),
    path("branches/<int:branch_id>/", api.BranchApi.as_view(), name="api-organization-branch"),
    path("accounts/", api.AccountListApi.as_view(), name="api-organization-accounts"),
    path("accounts/<int:account_id>/", api.AccountApi.as_view(), name="api-organization-account"),
    path(
        "accounts/<int:account_id>/suspend/",
        api.AccountSuspendApi.as_view(),
        name="api-organization-account-suspend",
    ),
    path(
        "accounts/<int:account_id>/reactivate/",
        api.AccountReactivateApi.as_view(),
        name="api-organization-account-reactivate",
    ),
    path(
        "accounts/<int:account_id>/terminate/",
        api.AccountTerminateApi.as_view(),
        name="api-organization-account-terminate",
    ),
    path(
        "accounts/<int:account_id>/end-date/",
        api.AccountEndDateApi.as_view(),
        name="api-organization-account-end-date",
    ),
    path(
        "accounts/<int:account_id>/optional-roles/",
        api.AccountOptionalRolesApi.as_view(),
        name="api-organization-account-optional-roles",
    ),
    path(
        "accounts/<int:account_id>/activation-code/",
        api.AccountActivationCodeApi.as_view(),
        name="api-organization-account-activation-code",
    ),
    path(
        "accounts/<int:account_id>/password-reset/",
        api.AccountPasswordResetApi.as_view(),
        name="api-organization-account-password-reset",
    ),
    path(
        "accounts/<int:account_id>/default-ou/",
        api.AccountDefaultOuApi.as_view(),
        name="api-organization-account-default-ou",
    ),
]
