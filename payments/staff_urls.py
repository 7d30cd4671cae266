"""The registry's payments pages, mounted in the back office (backoffice.urls)."""

from django.urls import path

from payments import staff_views

urlpatterns = [
    path("deposit-accounts/top-ups/new/", staff_views.top_up_new, name="deposit_top_up_new"),
]
