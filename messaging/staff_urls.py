"""The registry's Message Box pages, mounted in the back office (backoffice.urls)."""

from django.urls import path

from messaging import staff_views

urlpatterns = [
    # --- a direction to a case (MSG-1, CASE-4) ---
    path(
        "cases/<int:case_id>/directions/new/",
        staff_views.direction_new,
        name="case_direction_new",
    ),
]
