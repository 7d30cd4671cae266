"""The PA's pages for configuration-change requests (ORG-4, REG-10), under /organization/."""

from django.urls import path

from organizations import configuration_views as views

app_name = "organization_configuration"
urlpatterns = [
    path("configuration-changes/", views.request_list, name="list"),
    path("configuration-changes/limits/", views.request_limits, name="request_limits"),
    path("configuration-changes/post-based/", views.request_post_based, name="request_post_based"),
    path("configuration-changes/<int:pk>/", views.request_detail, name="detail"),
]
