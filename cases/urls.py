"""Holders' case pages, under /cases/."""

from django.urls import path  # noqa: F401

app_name = "cases"

urlpatterns = [
    # --- my cases and a case's page (CASE-2, GEN-5, BEY-1 history) ---
    # --- assignment to administrators and OUs, access review (CASE-4..7, BEY-5) ---
    # --- Notices of Consent and of Change lodged online (CASE-3 (b), BEY-1) ---
]
