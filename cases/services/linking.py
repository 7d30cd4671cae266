"""CASE-2, CASE-3: linking an IU account or an organization to a party of a case. Every route
(an application's listed case, a Notice of Consent, an accepted filing, a Notice of Change)
ends here, so the rules are checked once: the case is e-enabled (GEN-2) and on-going, and a
party has one current link at a time."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from cases.models import CaseLink, CaseParty, CaseStatus
from cases.selectors import is_e_enabled
from core.errors import DomainError, NotFound


class CaseNotEEnabled(DomainError):
    code = "case_not_e_enabled"
    status = 409
    default_message = _(
        "This case's proceedings are not yet conducted through iCMS: no implementation notice "
        "covers them. Continue to transact with the court on paper."
    )


class CaseDisposed(DomainError):
    code = "case_disposed"
    status = 409
    default_message = _("This case has been finally disposed of: it can no longer be linked.")


class PartyAlreadyLinked(DomainError):
    code = "party_already_linked"
    status = 409
    default_message = _(
        "This party is already linked to another account or organization. A new legal "
        "representative takes over by a Notice of Change."
    )


def locked_party(party_id) -> CaseParty:
    party = (
        CaseParty.objects.select_for_update()
        .select_related("case__proceeding_type")
        .filter(pk=party_id)
        .first()
    )
    if party is None:
        raise NotFound()
    return party


def refuse_unless_linkable(case) -> None:
    if not is_e_enabled(case.proceeding_type_id):
        raise CaseNotEEnabled()
    if case.status == CaseStatus.FINALLY_DISPOSED:
        raise CaseDisposed()


def case_link_create(
    *, actor, party_id: int, route: str, organization=None, individual=None
) -> CaseLink:
    """Link `organization` or `individual` to the party. Call inside the caller's transaction
    (the request or filing that the registry accepted commits with the link). Linking the
    party's present holder again changes nothing and returns its link."""
    party = locked_party(party_id)
    refuse_unless_linkable(party.case)
    current = CaseLink.objects.filter(party=party, ended_at__isnull=True).first()
    if current is not None:
        same = (organization is not None and current.organization_id == organization.pk) or (
            individual is not None and current.individual_id == individual.pk
        )
        if same:
            return current
        raise PartyAlreadyLinked()
    link = CaseLink.objects.create(
        case=party.case,
        party=party,
        organization=organization,
        individual=individual,
        route=route,
        linked_at=timezone.now(),
        linked_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="case_link.created",
        obj=link,
        after={
            "case": party.case.number,
            "party": party.pk,
            "route": route,
            "organization": organization.pk if organization else None,
            "individual": individual.login_name if individual else None,
        },
    )
    return link


def case_link_end(*, actor, link: CaseLink) -> CaseLink:
    """End a current link (BEY-1): its holder, and the OUs it was assigned to, lose the case at
    once; the link stays as history. The caller holds the party's lock."""
    link.ended_at = timezone.now()
    link.ended_by = actor if getattr(actor, "pk", None) else None
    link.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        actor=actor,
        action="case_link.ended",
        obj=link,
        before={"current": True},
        after={"current": False, "case": link.case.number, "party": link.party_id},
    )
    return link
