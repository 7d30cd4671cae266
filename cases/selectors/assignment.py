"""CASE-6, CASE-7 [A40, A49]: assigning case parties to OUs."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from accounts.models import LIVE_STATUSES, AccountStatus, User
from cases.models import CaseAssignment, CaseLink, CaseStatus
from cases.selectors.access import current_links, representation_links
from cases.selectors.giving import cases_given_to
from cases.selectors.linkability import e_enabled_types
from cases.selectors.paging import _case_number_filter, _int_or_none, keyset_page
from core.errors import NotFound, NotPermitted
from organizations.models import Organization
from permissions.roles import Capability, Role, can, scope

# OUs that may be given a case: awaiting activation or active (not suspended or ended), as for
# default OUs (ORG-7).
ASSIGNABLE_STATUSES = (AccountStatus.PENDING_ACTIVATION, AccountStatus.ACTIVE)


def may_assign_cases(actor) -> bool:
    return can(actor, Capability.ASSIGN_CASES_SAME_BRANCH) or can(
        actor, Capability.ASSIGN_CASES_ALL_BRANCHES
    )


def require_assigner(actor) -> None:
    """403 before any lookup for whoever can never assign a case (OU, IU, staff)."""
    if not may_assign_cases(actor):
        raise NotPermitted()


def assignable_links(actor):
    """CASE-6 [A40]: the current links of the organization's case parties that `actor` may
    assign to OUs: every one for the PA and for an SA with either optional role "To link-up
    case to OU Accounts"; for any other SA, the cases the PA gave it (CASE-5). Nothing for
    anyone else. Counsel's briefs are not among them: the solicitors instruct counsel [A12]."""
    links = representation_links().filter(organization__isnull=False)
    if not may_assign_cases(actor):
        return links.none()
    if can(actor, Capability.ASSIGN_ANY_ORGANIZATION_CASE):
        return scope(links, actor, Capability.ASSIGN_ANY_ORGANIZATION_CASE)
    return links.filter(cases_given_to(actor))


def assignable_organization_users(actor):
    """The OU accounts of the organization `actor` may assign cases to, whatever their state:
    of every branch with ASSIGN_CASES_ALL_BRANCHES, of the actor's own branch otherwise."""
    accounts = User.objects.filter(role=Role.OU)
    return scope(accounts, actor, Capability.ASSIGN_CASES_ALL_BRANCHES) | scope(
        accounts, actor, Capability.ASSIGN_CASES_SAME_BRANCH
    )


def organization_user_choices(actor, *, exclude=()):
    """The OUs offered by the assignment form: those `actor` may assign to, in service."""
    return (
        assignable_organization_users(actor)
        .filter(status__in=ASSIGNABLE_STATUSES)
        .exclude(pk__in=list(exclude))
        .select_related("branch")
        .order_by("branch__code", "surname", "given_name", "post_title", "pk")
    )


def organization_users_on_party(link_id) -> int:
    """CASE-7: what counts against the limit on one case party: the OUs assigned to it whose
    accounts are not ended (a suspended OU keeps its place)."""
    return CaseAssignment.objects.filter(
        link_id=link_id, organization_user__status__in=LIVE_STATUSES
    ).count()


def most_organization_users_on_one_party(organization) -> int:
    """ORG-3's figure for the organization: the most OUs counted on any one of its parties."""
    counted = Count(
        "assignments", filter=Q(assignments__organization_user__status__in=LIVE_STATUSES)
    )
    most = (
        current_links()
        .filter(organization=organization)
        .annotate(counted=counted)
        .aggregate(most=Max("counted"))["most"]
    )
    return most or 0


@dataclass(frozen=True)
class PartyAssignments:
    """One case party of the organization with the OUs assigned to it and the places left."""

    link: CaseLink
    assignments: list
    limit: int
    e_enabled: bool

    @property
    def used(self) -> int:
        return len(self.assignments)

    @property
    def places_left(self) -> int:
        return max(self.limit - self.used, 0)

    @property
    def assignable(self) -> bool:
        """GEN-2: new assignments only on an e-enabled, on-going case."""
        return self.e_enabled and self.link.case.status == CaseStatus.ONGOING


def _party_assignments(links: list, organization_id) -> list[PartyAssignments]:
    """Two queries for any number of links (and one for the organization's limit)."""
    by_link: dict[int, list] = {link.pk: [] for link in links}
    if links:
        assignments = (
            CaseAssignment.objects.filter(
                link_id__in=list(by_link), organization_user__status__in=LIVE_STATUSES
            )
            .select_related("organization_user__branch", "assigned_by")
            .order_by("assigned_at", "pk")
        )
        for assignment in assignments:
            by_link[assignment.link_id].append(assignment)
    organization = Organization.objects.filter(pk=organization_id).first()
    limit = organization.limits.organization_users_per_case_party if organization else 0
    enabled = set(e_enabled_types().values_list("pk", flat=True)) if links else set()
    return [
        PartyAssignments(
            link=link,
            assignments=by_link[link.pk],
            limit=limit,
            e_enabled=link.case.proceeding_type_id in enabled,
        )
        for link in links
    ]


def cases_to_assign(*, actor, case_number: str = "", before=None, after=None) -> dict:
    """The "Assign cases" list: the case parties `actor` may assign, newest link first, a page
    at a time (keyset), each with its OUs and the places left (CASE-7). A fixed number of
    queries whatever the number of cases."""
    require_assigner(actor)
    links = _case_number_filter(assignable_links(actor), case_number).select_related(
        "case__proceeding_type__court_level", "party"
    )
    page = keyset_page(links, before=before, after=after)
    page["rows"] = _party_assignments(page["rows"], actor.organization_id)
    return page


def assignable_link(*, actor, link_id) -> CaseLink:
    """One case party `actor` may assign, or "not found" (ROLE-2): another organization's, one
    not given to an SA, one that ended or never was all answer the same."""
    require_assigner(actor)
    link_id = _int_or_none(link_id)
    link = (
        assignable_links(actor)
        .select_related("case__proceeding_type__court_level", "party")
        .filter(pk=link_id)
        .first()
        if link_id is not None
        else None
    )
    if link is None:
        raise NotFound()
    return link


def party_assignments(*, actor, link_id) -> PartyAssignments:
    link = assignable_link(actor=actor, link_id=link_id)
    return _party_assignments([link], actor.organization_id)[0]
