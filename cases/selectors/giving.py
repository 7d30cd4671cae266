"""CASE-5 [A41]: the cases the PA gives its SAs, by case profile or by case number: the
condition on links that says which (`cases_given_to`), and the PA's page."""

from django.db.models import Exists, OuterRef, Q

from accounts.models import LIVE_STATUSES, User
from cases.models import CaseNumberAssignment, CaseProfileAssignment, ProceedingType
from permissions.roles import Capability, Role, require, scope


def cases_given_to(administrator) -> Q:
    """A condition on CaseLink: the organization's cases given to this SA, by case number or by
    a case profile (which covers cases linked later, CASE-5)."""
    by_profile = CaseProfileAssignment.objects.filter(
        administrator=administrator, proceeding_type=OuterRef("case__proceeding_type")
    )
    by_number = CaseNumberAssignment.objects.filter(
        administrator=administrator, case=OuterRef("case")
    )
    return Q(organization_id=administrator.organization_id) & (
        Q(Exists(by_profile)) | Q(Exists(by_number))
    )


def administrators_to_give_cases(*, actor):
    """The organization's SA accounts, not ended, that the PA may give cases to."""
    require(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
    return (
        scope(User.objects.all(), actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
        .filter(role=Role.SA, status__in=LIVE_STATUSES)
        .select_related("branch")
        .order_by("branch__code", "surname", "given_name", "post_title", "pk")
    )


def case_profiles():
    """Every case profile (court level + proceeding type) a PA may give: e-enabled or not yet,
    since a profile also covers the cases linked once a notice enables the type."""
    return ProceedingType.objects.select_related("court_level").order_by(
        "court_level__code", "code"
    )


def given_profiles(*, actor):
    require(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
    return scope(
        CaseProfileAssignment.objects.select_related(
            "administrator", "proceeding_type__court_level", "assigned_by"
        ),
        actor,
        Capability.GIVE_CASES_TO_ADMINISTRATORS,
    ).order_by("administrator_id", "proceeding_type__code")


def given_case_numbers(*, actor):
    require(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
    return scope(
        CaseNumberAssignment.objects.select_related("administrator", "case", "assigned_by"),
        actor,
        Capability.GIVE_CASES_TO_ADMINISTRATORS,
    ).order_by("administrator_id", "case__number")


def cases_given_by_administrator(*, actor) -> list[dict]:
    """The PA's page: for each SA, the profiles and the case numbers given to it. Three
    queries."""
    administrators = list(administrators_to_give_cases(actor=actor))
    profiles: dict[int, list] = {}
    for given in given_profiles(actor=actor):
        profiles.setdefault(given.administrator_id, []).append(given)
    numbers: dict[int, list] = {}
    for given in given_case_numbers(actor=actor):
        numbers.setdefault(given.administrator_id, []).append(given)
    return [
        {
            "administrator": administrator,
            "profiles": profiles.get(administrator.pk, []),
            "numbers": numbers.get(administrator.pk, []),
        }
        for administrator in administrators
    ]
