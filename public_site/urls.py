from django.urls import path

from public_site import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("healthz/", views.healthz, name="healthz"),
]
