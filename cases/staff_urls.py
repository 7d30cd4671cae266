"""The registry's case pages, mounted in the back office (backoffice.urls)."""

from django.urls import path

from cases.views import registry_notices

urlpatterns = [
    # --- cases, parties, implementation notices (CASE-1, GEN-2) ---
    # --- link requests, Notices of Consent and of Change (CASE-3, BEY-1) ---
    path("link-requests/", registry_notices.link_request_queue, name="link_request_queue"),
    path(
        "link-requests/new/",
        registry_notices.notice_of_consent_key_in,
        name="notice_of_consent_key_in",
    ),
    path(
        "link-requests/<int:pk>/",
        registry_notices.link_request_detail,
        name="link_request_detail",
    ),
    path(
        "link-requests/<int:pk>/accept/",
        registry_notices.link_request_accept,
        name="link_request_accept",
    ),
    path(
        "link-requests/<int:pk>/refuse/",
        registry_notices.link_request_refuse,
        name="link_request_refuse",
    ),
    path(
        "link-requests/<int:pk>/document/",
        registry_notices.link_request_document,
        name="link_request_document",
    ),
    path(
        "notices-of-change/",
        registry_notices.notice_of_change_queue,
        name="notice_of_change_queue",
    ),
    path(
        "notices-of-change/new/",
        registry_notices.notice_of_change_key_in,
        name="notice_of_change_key_in",
    ),
    path(
        "notices-of-change/<int:pk>/",
        registry_notices.notice_of_change_detail,
        name="notice_of_change_detail",
    ),
    path(
        "notices-of-change/<int:pk>/accept/",
        registry_notices.notice_of_change_accept,
        name="notice_of_change_accept",
    ),
    path(
        "notices-of-change/<int:pk>/refuse/",
        registry_notices.notice_of_change_refuse,
        name="notice_of_change_refuse",
    ),
    path(
        "notices-of-change/<int:pk>/document/",
        registry_notices.notice_of_change_document,
        name="notice_of_change_document",
    ),
]
