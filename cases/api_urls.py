"""/api/v1/ operations of the cases."""

from django.urls import path

from cases.api import my_cases

urlpatterns = [
    # --- my cases, a case (CASE-2) ---
    path("cases/", my_cases.MyCasesApi.as_view(), name="api-cases"),
    path("cases/<int:case_id>/", my_cases.CaseApi.as_view(), name="api-case"),
    # --- assignment, access review (CASE-4..7, BEY-5) ---
    # --- Notices of Consent and of Change (CASE-3 (b), BEY-1), holders' and the registry's ---
    # --- the registry's cases and implementation notices; the case-number check (GEN-2) ---
]
