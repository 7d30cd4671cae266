from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("login/second-factor/", views.second_factor, name="second_factor"),
    path("logout/", views.logout_view, name="logout"),
    path("reset-password/", views.reset_password, name="reset_password"),
    path("unlock/", views.unlock, name="unlock"),
    path("password/", views.change_password, name="change_password"),
    path("profile/", views.profile, name="profile"),
    path("profile/email/", views.confirm_email, name="confirm_email"),
    path("terminate/", views.terminate_account, name="terminate_account"),
]
