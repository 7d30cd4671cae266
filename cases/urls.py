"""Holders' case pages, under /cases/."""

from django.urls import path

from cases.views import assignment, counsel, my_cases, notices

app_name = "cases"

urlpatterns = [
    # --- my cases and a case's page (CASE-2, GEN-5, BEY-1 history) ---
    path("", my_cases.my_cases, name="my_cases"),
    path("<int:case_id>/", my_cases.case_detail, name="case_detail"),
    # --- assignment to administrators and OUs, access review (CASE-4..7, BEY-5) ---
    path("assignment/", assignment.assignment_list, name="assignment_list"),
    path("assignment/<int:link_id>/", assignment.assignment_detail, name="assignment_detail"),
    path(
        "assignment/<int:link_id>/unassign/<int:account_id>/",
        assignment.assignment_remove,
        name="assignment_remove",
    ),
    path("assignment/given/", assignment.given, name="given"),
    path(
        "assignment/given/profiles/",
        assignment.given_profile_create,
        name="given_profile_create",
    ),
    path(
        "assignment/given/profiles/<int:given_id>/remove/",
        assignment.given_profile_remove,
        name="given_profile_remove",
    ),
    path("assignment/given/numbers/", assignment.given_number_create, name="given_number_create"),
    path(
        "assignment/given/numbers/<int:given_id>/remove/",
        assignment.given_number_remove,
        name="given_number_remove",
    ),
    path("access-review/", assignment.access_review, name="access_review"),
    path(
        "access-review/export.csv",
        assignment.access_review_export,
        name="access_review_export",
    ),
    # --- counsel briefed by the party's solicitors [A12] ---
    path("counsel/<int:link_id>/", counsel.counsel_detail, name="counsel_detail"),
    path(
        "counsel/<int:link_id>/withdraw/<int:account_id>/",
        counsel.counsel_withdraw,
        name="counsel_withdraw",
    ),
    path("counsel/<int:link_id>/return/", counsel.brief_return, name="brief_return"),
    # --- Notices of Consent and of Change lodged online (CASE-3 (b), BEY-1) ---
    path("link-requests/", notices.link_request_list, name="link_request_list"),
    path("link-requests/new/", notices.link_request_lodge, name="link_request_lodge"),
    path("link-requests/<int:pk>/", notices.link_request_detail, name="link_request_detail"),
    path(
        "link-requests/<int:pk>/document/",
        notices.link_request_document,
        name="link_request_document",
    ),
    path("notices-of-change/", notices.notice_of_change_list, name="notice_of_change_list"),
    path("notices-of-change/new/", notices.notice_of_change_lodge, name="notice_of_change_lodge"),
    path(
        "notices-of-change/<int:pk>/",
        notices.notice_of_change_detail,
        name="notice_of_change_detail",
    ),
    path(
        "notices-of-change/<int:pk>/document/",
        notices.notice_of_change_document,
        name="notice_of_change_document",
    ),
]
