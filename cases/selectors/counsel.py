"""Counsel [A12]: barristers hold OU accounts of the Hong Kong Bar Association's organization,
and a party's solicitors brief them for the party. Counsel's link (`LinkCapacity.COUNSEL`)
stands beside the solicitors' and ends with it; the barristers briefed are its assignments.
Who may brief, for which parties, and who is briefed."""

from accounts.models import User, normalize_login_name
from cases.models import CaseAssignment, CaseLink, LinkCapacity
from cases.selectors.access import representation_links
from cases.selectors.assignment import ASSIGNABLE_STATUSES, assignable_links
from cases.selectors.paging import _int_or_none
from core.errors import NotFound
from organizations.models import OrganizationType
from permissions.roles import Capability, Role, can


def instructing_links(actor):
    """The current representations by solicitors for which `actor` may brief counsel: an OU
    those assigned to it; the PA and an SA those it may assign to OUs (CASE-6). Nothing for
    anyone else, and nothing held by the Bar Association's organization itself."""
    if not can(actor, Capability.INSTRUCT_COUNSEL):
        return CaseLink.objects.none()
    if actor.role == Role.OU:
        links = representation_links().filter(
            organization_id=actor.organization_id, assignments__organization_user=actor
        )
    else:
        links = assignable_links(actor)
    return links.exclude(organization__organization_type=OrganizationType.BAR_ASSOCIATION)


def counsel_link_of(party_id) -> CaseLink | None:
    return CaseLink.objects.filter(
        party_id=party_id, capacity=LinkCapacity.COUNSEL, ended_at__isnull=True
    ).first()


def counsel_briefed(party_ids) -> dict[int, list[CaseAssignment]]:
    """The barristers briefed for each party now, by party id, in the order they were briefed.
    One query for any number of parties."""
    briefed: dict[int, list[CaseAssignment]] = {party_id: [] for party_id in party_ids}
    rows = (
        CaseAssignment.objects.filter(
            link__party_id__in=list(briefed),
            link__capacity=LinkCapacity.COUNSEL,
            link__ended_at__isnull=True,
        )
        .select_related("organization_user", "link", "assigned_by")
        .order_by("assigned_at", "pk")
    )
    for row in rows:
        briefed[row.link.party_id].append(row)
    return briefed


def barrister_account(login_name: str) -> User | None:
    """The OU account of the Bar Association's organization with this login name, awaiting
    activation or active; None for any other account (a solicitor, an IU, a suspended one)."""
    name = normalize_login_name(str(login_name or ""))
    if not name or len(name) > 150:
        return None
    return (
        User.objects.select_related("organization")
        .filter(
            login_name=name,
            role=Role.OU,
            status__in=ASSIGNABLE_STATUSES,
            organization__organization_type=OrganizationType.BAR_ASSOCIATION,
        )
        .first()
    )


def counsel_page(*, actor, link_id) -> tuple[CaseLink, list[CaseAssignment]]:
    """The solicitors' link `actor` may brief counsel for, and the barristers briefed for its
    party; "not found" for any other link (ROLE-2)."""
    link_id = _int_or_none(link_id)
    link = (
        instructing_links(actor)
        .select_related("case__proceeding_type", "party", "organization")
        .filter(pk=link_id)
        .first()
        if link_id is not None
        else None
    )
    if link is None:
        raise NotFound()
    return link, counsel_briefed([link.party_id])[link.party_id]
