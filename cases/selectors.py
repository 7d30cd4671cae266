"""Reads of the cases: which proceedings are e-enabled (GEN-2), whether a case can be linked,
which cases an actor may see (CASE-2, ROLE-2), and to whom a case's messages go (CASE-4,
ORG-7)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES, AccountStatus, User
from cases.models import (
    Case,
    CaseAssignment,
    CaseLink,
    CaseLinkRequest,
    CaseNumberAssignment,
    CaseParty,
    CaseProfileAssignment,
    CaseStatus,
    CourtLevel,
    ImplementationNotice,
    NoticeOfChange,
    PartyType,
    ProceedingType,
    RequestStatus,
)
from cases.numbers import case_number_prefix, normalize_case_number
from cases.transitions import LINK_REQUEST_TRANSITIONS, NOTICE_OF_CHANGE_TRANSITIONS
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.workdays import local_today
from organizations.models import DefaultOU, Organization
from permissions.roles import Capability, Role, can, require, scope


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def e_enabled_types(on: datetime.date | None = None):
    """GEN-2: the proceeding types an implementation notice in force covers on `on`."""
    return ProceedingType.objects.filter(
        implementation_notices__effective_date__lte=_today(on)
    ).distinct()


def is_e_enabled(proceeding_type_id: int, on: datetime.date | None = None) -> bool:
    return ImplementationNotice.objects.filter(
        proceeding_type_id=proceeding_type_id, effective_date__lte=_today(on)
    ).exists()


class Linkability(StrEnum):
    """What the registry can say of a typed case number (the application form, the vetting
    page, the link requests)."""

    NOT_A_CASE_NUMBER = "not_a_case_number"
    UNKNOWN = "unknown"  # no such case in the registry
    NOT_E_ENABLED = "not_e_enabled"  # known, but its proceedings are on paper (GEN-2)
    DISPOSED = "disposed"  # known, e-enabled, finally disposed: nothing left to transact
    LINKABLE = "linkable"


@dataclass(frozen=True)
class CaseCheck:
    number: str | None  # the registry's spelling, when it is a case number
    linkability: Linkability
    case: Case | None = None

    @property
    def linkable(self) -> bool:
        return self.linkability == Linkability.LINKABLE


def case_check(typed_number, on: datetime.date | None = None) -> CaseCheck:
    number = normalize_case_number(typed_number)
    if number is None:
        return CaseCheck(None, Linkability.NOT_A_CASE_NUMBER)
    case = Case.objects.select_related("proceeding_type__court_level").filter(number=number).first()
    if case is None:
        return CaseCheck(number, Linkability.UNKNOWN)
    if not is_e_enabled(case.proceeding_type_id, on):
        return CaseCheck(number, Linkability.NOT_E_ENABLED, case)
    if case.status == CaseStatus.FINALLY_DISPOSED:
        return CaseCheck(number, Linkability.DISPOSED, case)
    return CaseCheck(number, Linkability.LINKABLE, case)


def proceeding_type_for_number(number: str) -> ProceedingType | None:
    return ProceedingType.objects.filter(code=case_number_prefix(number)).first()


# --- who may see which case (CASE-2, GEN-5, ROLE-2) ----------------------------------------------


def current_links():
    return CaseLink.objects.filter(ended_at__isnull=True)


def visible_links(actor):
    """The current links through which `actor` sees cases: an IU its own; an OU those assigned
    to it; a PA or SA its organization's; the registry every one. Nothing for anyone else."""
    links = current_links()
    role = getattr(actor, "role", None)
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return links.none()
    if role == Role.IU and can(actor, Capability.USE_E_SERVICES):
        return links.filter(individual=actor)
    if role == Role.OU and can(actor, Capability.USE_E_SERVICES):
        return links.filter(
            organization_id=actor.organization_id,
            assignments__organization_user=actor,
        )
    if can(actor, Capability.VIEW_ORGANIZATION_CASES):
        return links.filter(organization_id=actor.organization_id)
    if can(actor, Capability.RUN_REGISTRY):
        return links
    return links.none()


def visible_cases(actor):
    return Case.objects.filter(Exists(visible_links(actor).filter(case=OuterRef("pk"))))


def case_for(actor, case_id) -> Case:
    """The case, if `actor` may see it; otherwise "not found", the same answer as for a case
    that does not exist (ROLE-2)."""
    try:
        case_id = int(case_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    case = (
        visible_cases(actor)
        .select_related("proceeding_type__court_level")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound()
    return case


def may_transact(actor, case: Case) -> bool:
    """CASE-2, GEN-5, GEN-2: e-services on this case: an IU linked to it or an OU assigned to
    it, in a proceeding that is e-enabled."""
    if not can(actor, Capability.USE_E_SERVICES):
        return False
    return visible_links(actor).filter(case=case).exists() and is_e_enabled(case.proceeding_type_id)


# --- CASE-5: the cases the PA gave an SA ---------------------------------------------------------


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


# --- CASE-4, ORG-7: the recipients of a case's messages ------------------------------------------


def serving_organization_user(prefix: str = "") -> Q:
    """An OU account that can be used today, as a condition on User (through `prefix`): active
    and not past its effective end date (ORG-5), as `User.is_active` says. Whether its
    organization is in service (ORG-8) is the same for every OU of one organization."""
    return Q(**{f"{prefix}status": AccountStatus.ACTIVE}) & (
        Q(**{f"{prefix}effective_end_date__isnull": True})
        | Q(**{f"{prefix}effective_end_date__gte": local_today()})
    )


def case_message_recipients(case_id: int) -> list[User]:
    """Who receives a message of the case (CASE-4, ORG-7 [A43]): for each current link, the
    linked IU; or the OUs the organization assigned that party to; or, while none of them can
    be used (none assigned, or all suspended or ended), the organization's default OUs. Only
    accounts that can be used now receive, each once. Three queries at most, whatever the
    number of cases, links and assignments."""
    links = list(current_links().filter(case_id=case_id).select_related("individual"))
    recipients: dict[int, User] = {}
    for link in links:
        if link.individual_id is not None and link.individual.is_active:
            recipients[link.individual_id] = link.individual
    organization_links = [link.pk for link in links if link.organization_id is not None]
    if not organization_links:
        return [recipients[pk] for pk in sorted(recipients)]
    served = set()
    assignments = CaseAssignment.objects.filter(link_id__in=organization_links).select_related(
        "organization_user__organization"
    )
    for assignment in assignments:
        account = assignment.organization_user
        if account.is_active:
            recipients[account.pk] = account
            served.add(assignment.link_id)
    unserved = {
        link.organization_id
        for link in links
        if link.organization_id is not None and link.pk not in served
    }
    if unserved:
        defaults = DefaultOU.objects.filter(organization_id__in=unserved).select_related(
            "account__organization"
        )
        for row in defaults:
            if row.account.is_active:
                recipients[row.account_id] = row.account
    return [recipients[pk] for pk in sorted(recipients)]


# --- CASE-3 (a), (b), BEY-1: link requests and Notices of Change -------------------------------


def lodging_holder(actor) -> tuple[Organization | None, User | None]:
    """For whom `actor` lodges a Notice of Consent or of Change: an IU for itself, a PA or SA
    for its organization (docs/decisions.md, "Notices")."""
    if actor.organization_id is None:
        return None, actor
    return actor.organization, None


def _lodged_by_holder(queryset, actor):
    organization, individual = lodging_holder(actor)
    if organization is not None:
        return queryset.filter(organization_id=organization.pk)
    return queryset.filter(individual=individual)


def link_requests_of_holder(*, actor):
    """The holder's own requests to link a case (an IU's; a PA's or SA's organization's), of
    both routes, newest first. Nobody sees another's."""
    require(actor, Capability.LODGE_NOTICE_OF_CONSENT)
    return _lodged_by_holder(
        CaseLinkRequest.objects.select_related("case", "party", "organization", "individual"),
        actor,
    ).order_by("-lodged_at", "-pk")


def link_request_of_holder(*, actor, request_id) -> CaseLinkRequest:
    found = link_requests_of_holder(actor=actor).filter(pk=_an_id(request_id)).first()
    if found is None:
        raise NotFound()
    return found


def link_request_queue(*, actor):
    """The registry's queue: requests of both routes waiting for a decision, oldest first."""
    require(actor, Capability.RUN_REGISTRY)
    return (
        CaseLinkRequest.objects.filter(status=RequestStatus.PENDING)
        .select_related("case", "organization", "individual")
        .order_by("lodged_at", "pk")
    )


def link_request_for_registry(*, actor, request_id) -> CaseLinkRequest:
    require(actor, Capability.RUN_REGISTRY)
    found = (
        CaseLinkRequest.objects.select_related(
            "case__proceeding_type__court_level",
            "party",
            "link",
            "organization",
            "individual",
            "lodged_by",
            "decided_by",
        )
        .filter(pk=_an_id(request_id))
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def notices_of_change_of_organization(*, actor):
    """The Notices of Change the actor's organization lodged, newest first."""
    require(actor, Capability.LODGE_NOTICE_OF_CHANGE)
    return (
        NoticeOfChange.objects.filter(incoming_organization_id=actor.organization_id)
        .select_related("case", "party")
        .order_by("-lodged_at", "-pk")
    )


def notice_of_change_of_organization(*, actor, notice_id) -> NoticeOfChange:
    found = notices_of_change_of_organization(actor=actor).filter(pk=_an_id(notice_id)).first()
    if found is None:
        raise NotFound()
    return found


def notice_of_change_queue(*, actor):
    require(actor, Capability.RUN_REGISTRY)
    return (
        NoticeOfChange.objects.filter(status=RequestStatus.PENDING)
        .select_related("case", "incoming_organization")
        .order_by("lodged_at", "pk")
    )


def notice_of_change_for_registry(*, actor, notice_id) -> NoticeOfChange:
    require(actor, Capability.RUN_REGISTRY)
    found = (
        NoticeOfChange.objects.select_related(
            "case__proceeding_type__court_level",
            "incoming_organization",
            "party",
            "link",
            "outgoing_link__organization",
            "outgoing_link__individual",
            "lodged_by",
            "decided_by",
        )
        .filter(pk=_an_id(notice_id))
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def link_request_actions(*, actor, link_request) -> list[str]:
    return LINK_REQUEST_TRANSITIONS.available(link_request, actor=actor)


def notice_of_change_actions(*, actor, notice) -> list[str]:
    return NOTICE_OF_CHANGE_TRANSITIONS.available(notice, actor=actor)


@dataclass(frozen=True)
class PartyRepresentation:
    """One party of a case as the registry checks a request against it: who is linked to it
    now, and who was before (BEY-1: ended links are kept)."""

    party: CaseParty
    current: CaseLink | None
    history: list[CaseLink]


def case_party_representation(*, actor, case) -> list[PartyRepresentation]:
    """The case's parties with their links, current and ended, for the registry: two
    queries, whatever the number of parties."""
    require(actor, Capability.RUN_REGISTRY)
    order = {value: index for index, value in enumerate(PartyType.values)}
    parties = sorted(
        CaseParty.objects.filter(case=case),
        key=lambda p: (order.get(p.party_type, len(order)), p.position, p.pk),
    )
    links = (
        CaseLink.objects.filter(case=case)
        .select_related("organization", "individual")
        .order_by("-linked_at", "-pk")
    )
    by_party: dict[int, list[CaseLink]] = {}
    for link in links:
        by_party.setdefault(link.party_id, []).append(link)
    result = []
    for party in parties:
        party_links = by_party.get(party.pk, [])
        current = next((link for link in party_links if link.ended_at is None), None)
        result.append(
            PartyRepresentation(
                party=party,
                current=current,
                history=[link for link in party_links if link.ended_at is not None],
            )
        )
    return result


def registry_notice_counts(*, actor) -> dict[str, int]:
    return {
        "link_requests": link_request_queue(actor=actor).count(),
        "notices_of_change": notice_of_change_queue(actor=actor).count(),
    }


def _an_id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def case_checks(typed_numbers, on: datetime.date | None = None) -> list[CaseCheck]:
    """`case_check` of each typed number, in order, in two queries whatever their number (an
    application's listed cases on the vetting page, and when its account opens)."""
    numbers = [normalize_case_number(typed) for typed in typed_numbers]
    known = {
        case.number: case
        for case in Case.objects.select_related("proceeding_type__court_level").filter(
            number__in={number for number in numbers if number}
        )
    }
    enabled = set(
        e_enabled_types(on)
        .filter(pk__in={case.proceeding_type_id for case in known.values()})
        .values_list("pk", flat=True)
    )
    checks = []
    for number in numbers:
        case = known.get(number) if number else None
        if number is None:
            checks.append(CaseCheck(None, Linkability.NOT_A_CASE_NUMBER))
        elif case is None:
            checks.append(CaseCheck(number, Linkability.UNKNOWN))
        elif case.proceeding_type_id not in enabled:
            checks.append(CaseCheck(number, Linkability.NOT_E_ENABLED, case))
        elif case.status == CaseStatus.FINALLY_DISPOSED:
            checks.append(CaseCheck(number, Linkability.DISPOSED, case))
        else:
            checks.append(CaseCheck(number, Linkability.LINKABLE, case))
    return checks


# --- the registry's records (CASE-1, GEN-2) ------------------------------------------------------

REGISTRY_PAGE_SIZE = 50


def registry_cases(
    *,
    actor,
    number: str = "",
    proceeding_type_id: int | None = None,
    status: str = "",
    before_id: int | None = None,
    page_size: int = REGISTRY_PAGE_SIZE,
) -> tuple[list[Case], int | None]:
    """A page of the registry's cases, newest first, and the id to continue after (keyset:
    the same cost for the last page as for the first). `number`: a whole case number in any
    spelling the registry reads, or a part of one ("1234/2025", "DCPI")."""
    require(actor, Capability.RUN_REGISTRY)
    cases = Case.objects.select_related("proceeding_type__court_level").order_by("-pk")
    typed = (number or "").strip()
    if typed:
        whole = normalize_case_number(typed)
        if whole:
            cases = cases.filter(number=whole)
        else:
            cases = cases.filter(number__icontains=" ".join(typed.upper().split())[:30])
    if proceeding_type_id:
        cases = cases.filter(proceeding_type_id=proceeding_type_id)
    if status:
        cases = cases.filter(status=status)
    if before_id:
        cases = cases.filter(pk__lt=before_id)
    page = list(cases[: page_size + 1])
    more = len(page) > page_size
    page = page[:page_size]
    return page, (page[-1].pk if more else None)


def registry_case(*, actor, case_id) -> Case:
    """A case as the registry sees it: every party and every link, current or ended."""
    require(actor, Capability.RUN_REGISTRY)
    try:
        case_id = int(case_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    case = (
        Case.objects.select_related("proceeding_type__court_level", "created_by")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound()
    return case


def registry_case_links(case: Case):
    """Every link of the case, current and ended, newest first, with who holds it."""
    return (
        CaseLink.objects.filter(case=case)
        .select_related("party", "organization", "individual", "linked_by", "ended_by")
        .order_by("-linked_at", "-pk")
    )


def registry_case_parties(case: Case):
    """The parties, each with whether it was ever linked (a linked party is not removed)."""
    return case.parties.annotate(ever_linked=Exists(CaseLink.objects.filter(party=OuterRef("pk"))))


def implementation_notices(*, actor):
    require(actor, Capability.RUN_REGISTRY)
    return ImplementationNotice.objects.select_related(
        "proceeding_type__court_level", "created_by"
    ).order_by("-effective_date", "proceeding_type__code")


def court_levels(*, actor):
    require(actor, Capability.RUN_REGISTRY)
    return CourtLevel.objects.order_by("code")


def proceeding_types(*, actor=None):
    """Every proceeding type with whether a notice in force e-enables it today. No actor:
    the public names of proceedings (the case-number check)."""
    if actor is not None:
        require(actor, Capability.RUN_REGISTRY)
    enabled = ImplementationNotice.objects.filter(
        proceeding_type=OuterRef("pk"), effective_date__lte=timezone.localdate()
    )
    return (
        ProceedingType.objects.select_related("court_level")
        .annotate(e_enabled=Exists(enabled))
        .order_by("court_level__code", "code")
    )


def registry_counts(*, actor) -> dict:
    """The registry clerk's dashboard card."""
    require(actor, Capability.RUN_REGISTRY)
    return {
        "ongoing": Case.objects.filter(status=CaseStatus.ONGOING).count(),
        "notices_to_come": ImplementationNotice.objects.filter(
            effective_date__gt=timezone.localdate()
        ).count(),
    }


# --- keyset pages --------------------------------------------------------------------------------

PAGE_SIZE = 50


def _int_or_none(value) -> int | None:
    """An id or cursor as typed: digits only, and few enough to be a row's id."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def keyset_page(queryset, *, before=None, after=None, page_size: int = PAGE_SIZE) -> dict:
    """A page of `queryset`, newest (highest id) first: `before` gives the page older than that
    id, `after` the page newer. Two queries whatever the page and the size of the table, which
    an index on the ordering serves (CaseLink's "current_links_of_organization")."""
    before, after = _int_or_none(before), _int_or_none(after)
    if after is not None:
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[: page_size + 1])
        has_newer = len(rows) > page_size
        rows = rows[:page_size][::-1]
        has_older = bool(rows) and queryset.filter(pk__lt=rows[-1].pk).exists()
    else:
        if before is not None:
            queryset = queryset.filter(pk__lt=before)
        rows = list(queryset.order_by("-pk")[: page_size + 1])
        has_older = len(rows) > page_size
        rows = rows[:page_size]
        has_newer = before is not None and bool(rows)
    return {
        "rows": rows,
        "older": rows[-1].pk if rows and has_older else None,
        "newer": rows[0].pk if rows and has_newer else None,
    }


def _case_number_filter(links, case_number: str):
    """A typed case number (any spelling, CASE-1), or a part of one ("DCPI", "1234/2025")."""
    text = (case_number or "").strip()
    if not text:
        return links
    number = normalize_case_number(text)
    if number is not None:
        return links.filter(case__number=number)
    return links.filter(case__number__icontains=text[:30])


# --- CASE-5 [A41]: the cases the PA gives its SAs ------------------------------------------------


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


# --- CASE-6, CASE-7 [A40, A49]: assigning case parties to OUs -------------------------------------

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
    anyone else."""
    links = current_links().filter(organization__isnull=False)
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


# --- BEY-5: who can see which case of the organization, and why -----------------------------------


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
        current_links().filter(organization_id=actor.organization_id), case_number
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


# --- "My cases" and a case's page (CASE-2, CASE-4, GEN-2, BEY-1) --------------------------------

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
    parties = list(case.parties.order_by("party_type", "position"))
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
    history = (
        CaseLink.objects.filter(party__in=[link.party_id for link in links])
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
    your_links = [
        YourLink(
            link=link,
            assigned_to=tuple(
                a.organization_user
                for a in link.assignments.all()
                if administrator or a.organization_user_id == actor.pk
            ),
            history=tuple(by_party.get(link.party_id, ())),
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
