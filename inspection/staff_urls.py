"""The registry's page on a case and the public (SVC-2), mounted in the back office."""

from django.urls import path

from inspection import staff_views

urlpatterns = [
    path(
        "cases/<int:case_id>/public-inspection/",
        staff_views.case_inspection,
        name="registry_case_inspection",
    ),
]
