from django.urls import path

from accounts import api

urlpatterns = [
    path("auth/login/", api.LoginApi.as_view(), name="api-login"),
    path("auth/logout/", api.LogoutApi.as_view(), name="api-logout"),
    path("me/", api.MeApi.as_view(), name="api-me"),
    path("me/password/", api.PasswordChangeApi.as_view(), name="api-password-change"),
    path("me/profile/", api.ProfileApi.as_view(), name="api-profile"),
    path("me/email-change/", api.EmailChangeApi.as_view(), name="api-email-change"),
    path(
        "me/email-change/confirm/", api.EmailConfirmApi.as_view(), name="api-email-change-confirm"
    ),
    path("me/termination/", api.OwnTerminationApi.as_view(), name="api-own-termination"),
    path("accounts/reset-password/", api.ResetPasswordApi.as_view(), name="api-reset-password"),
    path("accounts/unlock/", api.UnlockApi.as_view(), name="api-unlock"),
    path(
        "backoffice/password-resets/",
        api.StartPasswordResetApi.as_view(),
        name="api-start-password-reset",
    ),
    path(
        "backoffice/account-holders/",
        api.HolderSearchApi.as_view(),
        name="api-account-holders",
    ),
    path(
        "backoffice/name-corrections/",
        api.NameCorrectionApi.as_view(),
        name="api-name-correction",
    ),
    path(
        "backoffice/iu-terminations/",
        api.IuTerminationApi.as_view(),
        name="api-iu-termination",
    ),
    path(
        "backoffice/account-unlocks/",
        api.UnlockAccountApi.as_view(),
        name="api-account-unlock",
    ),
    path(
        "backoffice/second-factor-resets/",
        api.SecondFactorResetApi.as_view(),
        name="api-second-factor-reset",
    ),
    path(
        "backoffice/activation-codes/",
        api.ReissueActivationCodeApi.as_view(),
        name="api-reissue-activation-code",
    ),
]
