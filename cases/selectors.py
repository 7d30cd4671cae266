"""Reads of the cases: which proceedings are e-enabled (GEN-2), whether a case can be linked,
which cases an actor may see (CASE-2, ROLE-2), and to whom a case's messages go (CASE-4,
ORG-7)."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
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
from core.errors import NotFound
from organizations.models import DefaultOU, Organization
from permissions.roles import Capability, Role, can, require


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


def case_message_recipients(case_id: int) -> list[User]:
    """Who receives a message of the case: for each current link, the linked IU; or the OUs
    the organization assigned the case to; or, while it is assigned to no OU, the
    organization's default OUs (ORG-7). Only accounts that can be used. A fixed number of
    queries, whatever the number of cases and links."""
    links = current_links().filter(case_id=case_id)
    assigned = CaseAssignment.objects.filter(link__in=links).values("organization_user")
    unassigned_organizations = links.filter(
        organization__isnull=False, assignments__isnull=True
    ).values("organization")
    defaults = DefaultOU.objects.filter(organization__in=unassigned_organizations).values("account")
    individuals = links.filter(individual__isnull=False).values("individual")
    candidates = (
        User.objects.filter(Q(pk__in=assigned) | Q(pk__in=defaults) | Q(pk__in=individuals))
        .select_related("organization")
        .order_by("pk")
    )
    return [user for user in candidates if user.is_active]


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
