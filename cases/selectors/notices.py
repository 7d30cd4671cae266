"""CASE-3 (a), (b), BEY-1: link requests (Notices of Consent) and Notices of Change, as their
holders and the registry read them."""

from dataclasses import dataclass

from accounts.models import User
from cases.models import (
    CaseLink,
    CaseLinkRequest,
    CaseParty,
    NoticeOfChange,
    PartyType,
    RequestStatus,
)
from cases.transitions import LINK_REQUEST_TRANSITIONS, NOTICE_OF_CHANGE_TRANSITIONS
from core.errors import NotFound
from core.names import name_key
from organizations.models import Organization
from permissions.roles import Capability, require


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


def claimed_parties(lodgement, parties: list[PartyRepresentation]) -> set[int]:
    """The case's parties a request or notice names: of the type it gives and, where it gives a
    name, of that name in any letter case and spacing. The clerk picks the party; a pick
    outside these is worth a second look (a person linked to a company's side)."""
    return {
        row.party.pk
        for row in parties
        if row.party.party_type == lodgement.party_type
        and (not lodgement.party_name or name_key(row.party.name) == name_key(lodgement.party_name))
    }


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
