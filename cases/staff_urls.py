"""The registry's case pages, mounted in the back office (backoffice.urls)."""

from django.urls import path  # noqa: F401

urlpatterns = [
    # --- cases, parties, implementation notices (CASE-1, GEN-2) ---
    # --- link requests, Notices of Consent and of Change (CASE-3, BEY-1) ---
]
