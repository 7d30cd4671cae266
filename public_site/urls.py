from django.urls import path

from public_site import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("forms/", views.paper_forms, name="paper_forms"),
    path("forms/<slug:name>/", views.paper_form, name="paper_form"),
    path("healthz/", views.healthz, name="healthz"),
]
