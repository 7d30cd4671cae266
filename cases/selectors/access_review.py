"""BEY-5: who can see which case of the organization, and why."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES, User
from cases.models import CaseAssignment, CaseLink, CaseNumberAssignment, CaseProfileAssignment
from cases.selectors.access import representation_links
from cases.selectors.giving import cases_given_to
from cases.selectors.paging import PAGE_SIZE, _case_number_filter, _int_or_none, keyset_page
from cases.selectors.routing import serving_organization_user
from core.errors import NotFound
from organizations.models import DefaultOU
from permissions.roles import Capability, Role, require, scope


class AccessReason(StrEnum):
    ADMINISTRATOR = "administrator"  # a PA or SA sees every case of the organization (CASE-4)
    GIVEN_BY_PROFILE = "given_by_profile"  # CASE-5
    GIVEN_BY_NUMBER = "given_by_number"  # CASE-5
    ASSIGNED = "assigned"  # CASE-6
    DEFAULT_OU = "default_ou"  # ORG-7: the party is assigned to no OU in service


ACCESS_REASON_LABELS = {
    AccessReason.ADMINISTRATOR: _("Administrator: sees every case of the organization"),
    AccessReason.GIVEN_BY_PROFILE: _("Given to this SA by case profile"),
    AccessReason.GIVEN_BY_NUMBER: _("Given to this SA by case number"),
    AccessReason.ASSIGNED: _("Assigned to this OU"),
    AccessReason.DEFAULT_OU: _("Default OU: receives the messages while no OU is assigned"),
}


@dataclass(frozen=True)
class AccessRow:
    """One holder's access to one case party (or, for an administrator, to every case)."""

    holder: User
    reason: AccessReason
    link: CaseLink | None = None
    by: User | None = None
    at: datetime.datetime | None = None
    profile: str = ""

    @property
    def reason_label(self) -> str:
        return str(ACCESS_REASON_LABELS[self.reason])


def case_access_holder(*, actor, holder_id) -> User | None:
    """The holder a review is narrowed to: an account of the reviewer's organization, or "not
    found" (ROLE-2)."""
    if holder_id in (None, ""):
        return None
    holder_id = _int_or_none(holder_id)
    holder = (
        scope(User.objects.all(), actor, Capability.REVIEW_CASE_ACCESS)
        .filter(role__in=(Role.PA, Role.SA, Role.OU), pk=holder_id)
        .select_related("branch")
        .first()
        if holder_id is not None
        else None
    )
    if holder is None:
        raise NotFound()
    return holder


def case_access_holders(*, actor):
    """The accounts the review can be narrowed to: the organization's, not ended."""
    require(actor, Capability.REVIEW_CASE_ACCESS)
    return (
        scope(User.objects.all(), actor, Capability.REVIEW_CASE_ACCESS)
        .filter(role__in=(Role.PA, Role.SA, Role.OU), status__in=LIVE_STATUSES)
        .select_related("branch")
        .order_by("role", "branch__code", "surname", "given_name", "post_title", "pk")
    )


def _served_by_an_ou():
    return Exists(
        CaseAssignment.objects.filter(link=OuterRef("pk")).filter(
            serving_organization_user("organization_user__")
        )
    )


def _review_links(actor, holder: User | None, case_number: str):
    links = _case_number_filter(
        # The organization's representations: the Bar Association's administrators review
        # their members' accounts, not their briefs as counsel [A12].
        representation_links().filter(organization_id=actor.organization_id),
        case_number,
    )
    if holder is None:
        return links
    if holder.role == Role.OU:
        assigned = Q(
            Exists(CaseAssignment.objects.filter(link=OuterRef("pk"), organization_user=holder))
        )
        if DefaultOU.objects.filter(account=holder).exists():
            return links.filter(assigned | ~Q(_served_by_an_ou()))
        return links.filter(assigned)
    if holder.role == Role.SA:
        return links.filter(cases_given_to(holder))
    return links.none()  # a PA's access is the administrator's row


def _administrator_rows(actor, holder: User | None) -> list[AccessRow]:
    administrators = (
        scope(User.objects.all(), actor, Capability.REVIEW_CASE_ACCESS)
        .filter(role__in=(Role.PA, Role.SA), status__in=LIVE_STATUSES)
        .select_related("branch")
        .order_by("role", "surname", "given_name", "post_title", "pk")
    )
    if holder is not None:
        administrators = administrators.filter(pk=holder.pk)
    return [AccessRow(holder=a, reason=AccessReason.ADMINISTRATOR) for a in administrators]


def _link_rows(actor, links: list, holder: User | None) -> list[AccessRow]:
    """The rows of a page of links, in five queries whatever its size."""
    if not links:
        return []
    link_ids = [link.pk for link in links]
    assignments: dict[int, list] = {pk: [] for pk in link_ids}
    served: set[int] = set()
    rows_of_assignments = (
        CaseAssignment.objects.filter(
            link_id__in=link_ids, organization_user__status__in=LIVE_STATUSES
        )
        .select_related("organization_user__branch", "assigned_by")
        .annotate(
            serving=Exists(
                User.objects.filter(pk=OuterRef("organization_user_id")).filter(
                    serving_organization_user()
                )
            )
        )
        .order_by("assigned_at", "pk")
    )
    for assignment in rows_of_assignments:
        assignments[assignment.link_id].append(assignment)
        if assignment.serving:
            served.add(assignment.link_id)
    defaults = [
        row
        for row in DefaultOU.objects.filter(organization_id=actor.organization_id)
        .filter(account__status__in=LIVE_STATUSES)
        .select_related("account__branch", "designated_by")
        .order_by("account__surname", "account__given_name", "account_id")
    ]
    type_ids = {link.case.proceeding_type_id for link in links}
    profiles: dict[int, list] = {}
    for given in (
        CaseProfileAssignment.objects.filter(
            organization_id=actor.organization_id,
            proceeding_type_id__in=type_ids,
            administrator__status__in=LIVE_STATUSES,
        )
        .select_related("administrator__branch", "assigned_by", "proceeding_type")
        .order_by("assigned_at", "pk")
    ):
        profiles.setdefault(given.proceeding_type_id, []).append(given)
    numbers: dict[int, list] = {}
    for given in (
        CaseNumberAssignment.objects.filter(
            organization_id=actor.organization_id,
            case_id__in={link.case_id for link in links},
            administrator__status__in=LIVE_STATUSES,
        )
        .select_related("administrator__branch", "assigned_by")
        .order_by("assigned_at", "pk")
    ):
        numbers.setdefault(given.case_id, []).append(given)
    rows: list[AccessRow] = []
    for link in links:
        for given in profiles.get(link.case.proceeding_type_id, []):
            rows.append(
                AccessRow(
                    holder=given.administrator,
                    reason=AccessReason.GIVEN_BY_PROFILE,
                    link=link,
                    by=given.assigned_by,
                    at=given.assigned_at,
                    profile=given.proceeding_type.code,
                )
            )
        for given in numbers.get(link.case_id, []):
            rows.append(
                AccessRow(
                    holder=given.administrator,
                    reason=AccessReason.GIVEN_BY_NUMBER,
                    link=link,
                    by=given.assigned_by,
                    at=given.assigned_at,
                )
            )
        for assignment in assignments[link.pk]:
            rows.append(
                AccessRow(
                    holder=assignment.organization_user,
                    reason=AccessReason.ASSIGNED,
                    link=link,
                    by=assignment.assigned_by,
                    at=assignment.assigned_at,
                )
            )
        if link.pk not in served:
            for row in defaults:
                rows.append(
                    AccessRow(
                        holder=row.account,
                        reason=AccessReason.DEFAULT_OU,
                        link=link,
                        by=row.designated_by,
                        at=row.designated_at,
                    )
                )
    if holder is not None:
        rows = [row for row in rows if row.holder.pk == holder.pk]
    return rows


def case_access_review(
    *, actor, holder_id=None, case_number: str = "", before=None, after=None, page_size=PAGE_SIZE
) -> dict:
    """BEY-5: for the reviewer's organization, who can see which case party and why: its
    administrators every case; an SA the cases given to it (by profile or number, by whom and
    when); an OU the parties assigned to it (by whom, when); the default OUs the parties
    assigned to no OU in service. Narrowed to one holder or one case; a page of case parties
    at a time (keyset), in a fixed number of queries."""
    require(actor, Capability.REVIEW_CASE_ACCESS)
    holder = case_access_holder(actor=actor, holder_id=holder_id)
    links = _review_links(actor, holder, case_number).select_related("case", "party")
    page = keyset_page(links, before=before, after=after, page_size=page_size)
    first_page = _int_or_none(before) is None and _int_or_none(after) is None
    return {
        "holder": holder,
        "administrators": _administrator_rows(actor, holder) if first_page else [],
        "rows": _link_rows(actor, page["rows"], holder),
        "older": page["older"],
        "newer": page["newer"],
    }


def case_access_all_rows(*, actor, holder_id=None, case_number: str = "", chunk: int = 500):
    """Every row of the review, for the export: the administrators, then the case parties a
    chunk at a time, so that a large organization is never held in memory at once."""
    review = case_access_review(
        actor=actor, holder_id=holder_id, case_number=case_number, page_size=chunk
    )
    yield from review["administrators"]
    while True:
        yield from review["rows"]
        if review["older"] is None:
            return
        review = case_access_review(
            actor=actor,
            holder_id=holder_id,
            case_number=case_number,
            before=review["older"],
            page_size=chunk,
        )
