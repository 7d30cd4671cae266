from django.urls import path

from organizations import activation_views

app_name = "activation"
urlpatterns = [path("", activation_views.activate, name="activate")]
