"""Holders' case pages, under /cases/."""

from django.urls import path

from cases.views import my_cases

app_name = "cases"

urlpatterns = [
    # --- my cases and a case's page (CASE-2, GEN-5, BEY-1 history) ---
    path("", my_cases.my_cases, name="my_cases"),
    path("<int:case_id>/", my_cases.case_detail, name="case_detail"),
    # --- assignment to administrators and OUs, access review (CASE-4..7, BEY-5) ---
    # --- Notices of Consent and of Change lodged online (CASE-3 (b), BEY-1) ---
]
