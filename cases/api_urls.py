"""/api/v1/ operations of the cases."""

from django.urls import path  # noqa: F401

from cases.api import assignment

urlpatterns = [
    # --- my cases, a case (CASE-2) ---
    # --- assignment, access review (CASE-4..7, BEY-5) ---
    path(
        "organization/case-parties/",
        assignment.CasePartyListApi.as_view(),
        name="api-organization-case-parties",
    ),
    path(
        "organization/case-parties/<int:link_id>/",
        assignment.CasePartyApi.as_view(),
        name="api-organization-case-party",
    ),
    path(
        "organization/case-parties/<int:link_id>/assignments/",
        assignment.CaseAssignmentListApi.as_view(),
        name="api-organization-case-assignments",
    ),
    path(
        "organization/case-parties/<int:link_id>/assignments/<int:account_id>/",
        assignment.CaseAssignmentApi.as_view(),
        name="api-organization-case-assignment",
    ),
    path(
        "organization/case-assignees/",
        assignment.AssignableOrganizationUsersApi.as_view(),
        name="api-organization-case-assignees",
    ),
    path(
        "organization/given-case-profiles/",
        assignment.GivenProfileListApi.as_view(),
        name="api-organization-given-profiles",
    ),
    path(
        "organization/given-case-profiles/<int:given_id>/",
        assignment.GivenProfileApi.as_view(),
        name="api-organization-given-profile",
    ),
    path(
        "organization/given-cases/",
        assignment.GivenCaseListApi.as_view(),
        name="api-organization-given-cases",
    ),
    path(
        "organization/given-cases/<int:given_id>/",
        assignment.GivenCaseApi.as_view(),
        name="api-organization-given-case",
    ),
    path(
        "organization/case-access/",
        assignment.CaseAccessReviewApi.as_view(),
        name="api-organization-case-access",
    ),
    path(
        "organization/case-access/export/",
        assignment.CaseAccessExportApi.as_view(),
        name="api-organization-case-access-export",
    ),
    # --- Notices of Consent and of Change (CASE-3 (b), BEY-1), holders' and the registry's ---
    # --- the registry's cases and implementation notices; the case-number check (GEN-2) ---
]
