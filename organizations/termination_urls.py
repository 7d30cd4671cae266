"""The Help Centre's pages for organizations' PA accounts, mounted by the back office's
shell."""

from django.urls import path

from organizations import termination_views

urlpatterns = [
    path(
        "primary-administrators/terminations/",
        termination_views.terminate_primary_administrator,
        name="terminate_primary_administrator",
    ),
]
