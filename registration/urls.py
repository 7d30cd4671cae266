from django.urls import path

from registration import views

app_name = "registration"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("status/<str:token>/", views.status, name="status"),
]
