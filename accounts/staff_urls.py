"""The back office's pages on accounts, mounted by the back office's shell."""

from django.urls import path

from accounts import staff_views as views

urlpatterns = [
    path("password-resets/", views.start_password_reset, name="start_password_reset"),
    path("account-locks/", views.unlock_account, name="unlock_account"),
    path("activation-codes/", views.reissue_activation_code, name="reissue_activation_code"),
    path(
        "iu-terminations/", views.terminate_individual_account, name="terminate_individual_account"
    ),
    path("name-corrections/", views.correct_holder_name, name="correct_holder_name"),
    path("second-factors/", views.reset_second_factor, name="reset_second_factor"),
]
