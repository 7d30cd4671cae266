"""Who may see which case (CASE-2, GEN-5, ROLE-2): the current links through which an actor
sees cases, a case if the actor may see it, and whether it may transact on it."""

from django.db.models import Exists, OuterRef

from cases.models import Case, CaseLink, LinkCapacity
from cases.selectors.linkability import is_e_enabled
from core.errors import NotFound
from permissions.roles import Capability, Role, can


def current_links():
    """Every current link: the parties in person or by their solicitors, and counsel."""
    return CaseLink.objects.filter(ended_at__isnull=True)


def representation_links():
    """The current links that represent their parties (CASE-2: one a party): in person or by
    solicitors, without counsel [A12]."""
    return current_links().filter(capacity=LinkCapacity.REPRESENTATION)


def representation_of(party) -> CaseLink | None:
    """The party's current representation (in person or by solicitors), if it has one."""
    return representation_links().filter(party=party).first()


def visible_links(actor):
    """The current links through which `actor` sees cases: an IU its own; an OU those assigned
    to it (counsel's briefs too [A12]); a PA or SA its organization's representations (the Bar
    Association's administrators keep its members' accounts, not their briefs); the registry
    every one. Nothing for anyone else."""
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
        return links.filter(
            organization_id=actor.organization_id, capacity=LinkCapacity.REPRESENTATION
        )
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
