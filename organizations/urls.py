from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("branches/", views.branches, name="branches"),
    path("branches/<int:branch_id>/", views.branch_edit, name="branch_edit"),
    path("branches/<int:branch_id>/remove/", views.branch_remove, name="branch_remove"),
    path("accounts/", views.accounts, name="accounts"),
    # ORG-7 [A43]: the page "Maintain default OU Account".
    path("default-ous/", views.default_ou_maintenance, name="default_ous"),
    path("accounts/new/", views.account_new, name="account_new"),
    path("accounts/<int:account_id>/", views.account_detail, name="account_detail"),
    path("accounts/<int:account_id>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:account_id>/end-date/", views.account_end_date, name="account_end_date"),
    path(
        "accounts/<int:account_id>/optional-roles/",
        views.account_optional_roles,
        name="account_optional_roles",
    ),
    path("accounts/<int:account_id>/<slug:action>/", views.account_action, name="account_action"),
]
