"""The "My cases" list and a case's page (CASE-2, CASE-4, GEN-2, BEY-1)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Case,
    CaseAssignment,
    CaseLink,
    CaseStatus,
    LinkCapacity,
    ProceedingType,
    in_title_order,
)
from cases.numbers import normalize_case_number
from cases.selectors.access import case_for, visible_links
from cases.selectors.counsel import counsel_briefed, instructing_links
from cases.selectors.linkability import e_enabled_types, is_e_enabled
from core.errors import NotPermitted, ValidationFailed
from permissions.roles import Capability, Role, can

MY_CASES_PAGE_SIZE = 25
# GEN-2: what a holder reads on a case whose proceedings are not e-enabled.
NOT_E_ENABLED_MESSAGE = _(
    "E-services are not available for this case: no implementation notice covers its type of "
    "proceedings yet. Continue to transact with the court on paper."
)
_CURSOR_SALT = "cases.my_cases.cursor"
_NUMBER_PREFIX = re.compile(r"^([A-Z]{1,10})(?:\s*0*(\d{1,6})(?:\s*/\s*(\d{0,4}))?)?$")


class AssignmentFilter(StrEnum):
    """PA and SA: the organization's cases given to some OU, or to none yet (CASE-4)."""

    ASSIGNED = "assigned"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class CaseFilters:
    """What "My cases" may be narrowed to; every field is optional."""

    proceeding_type: str = ""  # a proceeding type's code, e.g. DCPI
    status: str = ""  # CaseStatus
    number: str = ""  # a whole case number, or its beginning ("DCPI", "DCPI 12")
    assignment: str = ""  # AssignmentFilter; PA and SA only, ignored for others


@dataclass(frozen=True)
class MyCaseRow:
    """One party the actor holds in a case: its own (IU), assigned to it (OU), or its
    organization's (PA/SA, with the OUs it is assigned to)."""

    case: Case
    link: CaseLink
    since: datetime.datetime  # linked, or for an OU assigned
    e_enabled: bool
    assigned_to: tuple = ()  # PA/SA: the OU accounts

    @property
    def party(self):
        return self.link.party


@dataclass(frozen=True)
class MyCasesPage:
    rows: list
    next_cursor: str | None


def require_case_holder(actor) -> None:
    """ "My cases" is for account holders: IU and OU (their own cases), PA and SA (the
    organization's). Anyone else, court staff included, is refused before any lookup; the
    registry keeps its cases in the back office."""
    if not (
        can(actor, Capability.USE_E_SERVICES) or can(actor, Capability.VIEW_ORGANIZATION_CASES)
    ):
        raise NotPermitted()


def _cursor_key(actor, cursor) -> int | None:
    """The signed cursor's position, or a refusal: a cursor is the portal's, for this actor,
    or it is refused (never a 500)."""
    if cursor in (None, ""):
        return None
    refused = ValidationFailed(
        {"cursor": [_("This page link is not valid. Start again from the first page.")]}
    )
    if not isinstance(cursor, str) or len(cursor) > 200:
        raise refused
    try:
        value = signing.loads(cursor, salt=_CURSOR_SALT)
    except signing.BadSignature:
        raise refused from None
    if (
        not isinstance(value, dict)
        or value.get("a") != actor.pk
        or type(value.get("k")) is not int
        or value["k"] < 1
    ):
        raise refused
    return value["k"]


def _cursor_for(actor, key: int) -> str:
    return signing.dumps({"a": actor.pk, "k": key}, salt=_CURSOR_SALT)


def case_number_condition(typed: str, *, prefix: str = "") -> Q:
    """A typed case number: exact once normalized ("dcpi 01234/2025"), otherwise its beginning
    ("DCPI", "DCPI 12", "dcpi 12/20"). Anything else, look-alike letters included, is refused."""
    number = normalize_case_number(typed)
    if number is not None:
        return Q(**{f"{prefix}number": number})
    folded = unicodedata.normalize("NFKC", typed or "").strip().upper()
    match = _NUMBER_PREFIX.match(folded) if folded.isascii() else None
    if match is None:
        raise ValidationFailed(
            {
                "number": [
                    _(
                        "Enter a case number, such as DCPI 1234/2025, or its beginning, such "
                        "as DCPI or DCPI 12."
                    )
                ]
            }
        )
    code, serial, year = match.groups()
    beginning = code
    if serial is not None:
        beginning += f" {int(serial)}"
        if year is not None:
            beginning += f"/{year}"
    return Q(**{f"{prefix}number__startswith": beginning})


def _case_conditions(filters: CaseFilters, *, prefix: str) -> Q:
    condition = Q()
    if filters.proceeding_type:
        if not ProceedingType.objects.filter(code=filters.proceeding_type).exists():
            raise ValidationFailed({"proceeding_type": [_("Choose a type of proceedings.")]})
        condition &= Q(**{f"{prefix}proceeding_type__code": filters.proceeding_type})
    if filters.status:
        if filters.status not in CaseStatus.values:
            raise ValidationFailed({"status": [_("Choose on-going or finally disposed.")]})
        condition &= Q(**{f"{prefix}status": filters.status})
    if filters.number:
        condition &= case_number_condition(filters.number, prefix=prefix)
    return condition


def my_cases_query(*, actor, filters: CaseFilters | None = None):
    """The rows of "My cases", newest first, before paging: an OU's assignments, anyone
    else's current links. For `my_cases`, and for the benchmark's look at the plan."""
    require_case_holder(actor)
    filters = filters or CaseFilters()
    is_ou = actor.role == Role.OU
    administrator = actor.role in (Role.PA, Role.SA)
    if is_ou:
        # Through the assignment, in the order of the index (organization_user, -id). An
        # assignment is only ever made to an OU of the link's organization; a condition on
        # the organization here, correlated with the OU, would mislead the planner into
        # reading and sorting all of it (`my_cases` checks it on the rows it shows).
        rows = CaseAssignment.objects.filter(
            organization_user=actor,
            link__ended_at__isnull=True,
        ).filter(_case_conditions(filters, prefix="link__case__"))
        rows = rows.select_related(
            "link__party", "link__case__proceeding_type__court_level"
        ).order_by("-pk")
    else:
        # Index (individual, -id) or (organization, -id) of the current links.
        rows = visible_links(actor).filter(_case_conditions(filters, prefix="case__"))
        if administrator:
            given = CaseAssignment.objects.filter(link=OuterRef("pk"))
            if filters.assignment == AssignmentFilter.ASSIGNED:
                rows = rows.filter(Exists(given))
            elif filters.assignment == AssignmentFilter.UNASSIGNED:
                rows = rows.filter(~Exists(given))
            elif filters.assignment:
                raise ValidationFailed(
                    {"assignment": [_("Choose assigned to an OU or assigned to no OU.")]}
                )
            rows = rows.prefetch_related(
                Prefetch(
                    "assignments",
                    queryset=CaseAssignment.objects.select_related(
                        "organization_user__branch"
                    ).order_by("organization_user__login_name"),
                )
            )
        rows = rows.select_related("party", "case__proceeding_type__court_level").order_by("-pk")
    return rows


def my_cases(
    *, actor, cursor: str | None = None, filters: CaseFilters | None = None
) -> MyCasesPage:
    """CASE-2, CASE-4: the cases `actor` holds, newest link (an OU: newest assignment) first,
    MY_CASES_PAGE_SIZE at a time. An IU sees its own links; an OU the organization's links
    assigned to it; a PA or SA the organization's current links, each with the OUs it is
    assigned to. Keyset pages: `cursor` (signed, from the page before) continues after the
    last row shown, so every page costs the same few queries, whatever the number of cases."""
    require_case_holder(actor)
    key = _cursor_key(actor, cursor)
    size = MY_CASES_PAGE_SIZE
    is_ou = actor.role == Role.OU
    administrator = actor.role in (Role.PA, Role.SA)
    rows = my_cases_query(actor=actor, filters=filters)
    if key is not None:
        rows = rows.filter(pk__lt=key)
    found = list(rows[: size + 1])
    e_enabled = set(e_enabled_types().values_list("pk", flat=True))
    page = []
    for row in found[:size]:
        link = row.link if is_ou else row
        if link.organization_id != actor.organization_id and link.individual_id != actor.pk:
            continue  # never made; as `visible_links`, nothing of another organization
        page.append(
            MyCaseRow(
                case=link.case,
                link=link,
                since=row.assigned_at if is_ou else link.linked_at,
                e_enabled=link.case.proceeding_type_id in e_enabled,
                assigned_to=(
                    tuple(a.organization_user for a in link.assignments.all())
                    if administrator
                    else ()
                ),
            )
        )
    next_cursor = _cursor_for(actor, found[size - 1].pk) if len(found) > size else None
    return MyCasesPage(rows=page, next_cursor=next_cursor)


@dataclass(frozen=True)
class Representation:
    """BEY-1: one link of a party the viewer holds, current or ended."""

    link: CaseLink
    yours: bool  # the viewer's own account, or its organization

    @property
    def in_person(self) -> bool:
        return self.link.individual_id is not None

    @property
    def representative(self) -> str:
        """Another organization by its name; another person's account by nothing of it."""
        return self.link.organization.name if self.link.organization_id else ""


@dataclass(frozen=True)
class YourLink:
    link: CaseLink
    assigned_to: tuple  # PA/SA: the OUs; OU: itself
    history: tuple  # Representation, oldest first
    # [A12]: for the solicitors, the barristers briefed for the party and whether the viewer
    # may brief or withdraw; for counsel, the solicitors who briefed it.
    counsel: tuple = ()
    may_instruct_counsel: bool = False
    instructed_by: str = ""


@dataclass(frozen=True)
class CasePage:
    case: Case
    e_enabled: bool
    may_transact: bool
    parties: list
    your_links: list


def case_page(*, actor, case_id) -> CasePage:
    """A case as a holder sees it: the case, its parties (names and types only), the parties
    the viewer holds and through which route, the OUs they are assigned to (PA/SA), and the
    history of who represented those parties (BEY-1). Out of scope is "not found", as a case
    that does not exist (ROLE-2)."""
    require_case_holder(actor)
    case = case_for(actor, case_id)
    parties = list(case.parties.order_by(in_title_order(), "position"))
    links = list(
        visible_links(actor)
        .filter(case=case)
        .select_related("party", "organization")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=CaseAssignment.objects.select_related(
                    "organization_user__branch"
                ).order_by("organization_user__login_name"),
            )
        )
        .order_by("party__party_type", "party__position")
    )
    history = list(
        CaseLink.objects.filter(
            party__in=[link.party_id for link in links], capacity=LinkCapacity.REPRESENTATION
        )
        .select_related("organization")
        .order_by("linked_at", "pk")
    )
    by_party: dict[int, list] = {}
    for past in history:
        yours = (
            past.individual_id == actor.pk
            if actor.role == Role.IU
            else past.organization_id == actor.organization_id
        )
        by_party.setdefault(past.party_id, []).append(Representation(past, yours))
    administrator = actor.role in (Role.PA, Role.SA)
    party_ids = [link.party_id for link in links]
    briefed = counsel_briefed(party_ids)
    instructing = set(
        instructing_links(actor)
        .filter(pk__in=[link.pk for link in links])
        .values_list("pk", flat=True)
    )
    # For counsel: the solicitors now, the current representation in the history just read.
    solicitors = {
        past.party_id: past.organization.name
        for past in history
        if past.ended_at is None and past.organization_id is not None
    }
    your_links = [
        YourLink(
            link=link,
            assigned_to=tuple(
                a.organization_user
                for a in link.assignments.all()
                if administrator or a.organization_user_id == actor.pk
            ),
            history=tuple(by_party.get(link.party_id, ())),
            counsel=() if link.is_counsel else tuple(briefed[link.party_id]),
            may_instruct_counsel=link.pk in instructing,
            instructed_by=solicitors.get(link.party_id, "") if link.is_counsel else "",
        )
        for link in links
    ]
    e_enabled = is_e_enabled(case.proceeding_type_id)
    return CasePage(
        case=case,
        e_enabled=e_enabled,
        may_transact=e_enabled and can(actor, Capability.USE_E_SERVICES) and bool(links),
        parties=parties,
        your_links=your_links,
    )
