"""The back-office pages for organizations, mounted by the back office's shell
(backoffice/urls.py) under /backoffice/ in its URL namespace: configuration-change requests
(ORG-4, REG-10) for vetting officers, and the end of a PA account on request (ORG-8) for the
Help Centre."""

from django.urls import path

from organizations import staff_views as views
from organizations import termination_views

urlpatterns = [
    path("configuration-changes/", views.configuration_queue, name="configuration_queue"),
    path(
        "configuration-changes/<int:pk>/",
        views.configuration_detail,
        name="configuration_detail",
    ),
    path(
        "configuration-changes/<int:pk>/approve/",
        views.configuration_approve,
        name="configuration_approve",
    ),
    path(
        "configuration-changes/<int:pk>/reject/",
        views.configuration_reject,
        name="configuration_reject",
    ),
    path(
        "primary-administrators/terminations/",
        termination_views.terminate_primary_administrator,
        name="terminate_primary_administrator",
    ),
]
