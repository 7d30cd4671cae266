from django.urls import path

from registration import views

app_name = "registration"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("organization/", views.apply_organization, name="apply_organization"),
    path("organization/replacement/", views.apply_replacement, name="apply_replacement"),
    path("status/<str:token>/", views.status, name="status"),
    path("case-check/", views.case_check, name="case_check"),
]
