"""The registry's records (CASE-1, GEN-2): cases, their parties and links, implementation
notices, court levels and proceeding types."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cases.models import (
    Case,
    CaseLink,
    CaseStatus,
    CourtLevel,
    ImplementationNotice,
    LinkCapacity,
    ProceedingType,
    in_title_order,
)
from cases.selectors.numbers import holding_number_part, number_part
from core.errors import NotFound
from permissions.roles import Capability, require

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
    if (number or "").strip():
        part = number_part(number, limit=30)
        cases = cases.filter(holding_number_part(part) if part else Q(pk__in=[]))
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
    """The parties in the order the title names them, each with whether it was ever linked (a
    linked party is not removed)."""
    return case.parties.annotate(
        ever_linked=Exists(CaseLink.objects.filter(party=OuterRef("pk")))
    ).order_by(in_title_order(), "position")


def registry_link(*, actor, case, link_id) -> CaseLink:
    """A current representation of `case`, to correct (NotFound for another case's, an ended
    one, or counsel's [A12])."""
    require(actor, Capability.RUN_REGISTRY)
    link = (
        CaseLink.objects.select_related("party", "organization", "individual")
        .filter(case=case, pk=link_id, ended_at__isnull=True, capacity=LinkCapacity.REPRESENTATION)
        .first()
    )
    if link is None:
        raise NotFound()
    return link


def parties_to_correct_to(link: CaseLink):
    """The case's parties other than the link's, in title order, each with whether it is
    linked now."""
    current = CaseLink.objects.filter(
        party=OuterRef("pk"), ended_at__isnull=True, capacity=LinkCapacity.REPRESENTATION
    )
    return (
        link.case.parties.exclude(pk=link.party_id)
        .annotate(linked_now=Exists(current))
        .order_by(in_title_order(), "position")
    )


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
