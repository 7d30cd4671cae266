"""CASE-2, CASE-3: linking an IU account or an organization to a party of a case. Every route
(an application's listed case, a Notice of Consent, an accepted filing, a Notice of Change)
ends here, so the rules are checked once: the case is e-enabled (GEN-2) and on-going, and a
party has one current link at a time."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from cases.models import (
    CaseLink,
    CaseLinkRequest,
    CaseParty,
    CaseStatus,
    LinkCapacity,
    LinkRoute,
    PartyType,
)
from cases.selectors.access import representation_of
from cases.selectors.linkability import CaseCheck, case_checks, is_e_enabled
from cases.services.locks import locked_party
from core.errors import DomainError, NotFound, NotPermitted
from permissions.roles import Capability, Role, can, require


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


def refuse_unless_linkable(case) -> None:
    if not is_e_enabled(case.proceeding_type_id):
        raise CaseNotEEnabled()
    if case.status == CaseStatus.FINALLY_DISPOSED:
        raise CaseDisposed()


def case_link_create(
    *,
    actor,
    party: CaseParty,
    route: str,
    organization=None,
    individual=None,
    capacity: str = LinkCapacity.REPRESENTATION,
) -> CaseLink:
    """Link `organization` or `individual` to the party, which the caller has locked
    (`locked_party`) in its transaction: the request or filing that the registry accepted
    commits with the link. Linking the party's present holder again changes nothing and
    returns its link. Counsel's link [A12] is the one beside the representation."""
    refuse_unless_linkable(party.case)
    if capacity == LinkCapacity.REPRESENTATION:
        current = representation_of(party)
    else:
        current = CaseLink.objects.filter(party=party, capacity=capacity, ended_at__isnull=True)
        current = current.first()
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
        capacity=capacity,
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
            "capacity": capacity,
            "organization": organization.pk if organization else None,
            "individual": individual.login_name if individual else None,
        },
    )
    return link


def case_link_end(*, actor, link: CaseLink) -> CaseLink:
    """End a current link (BEY-1): its holder, and the OUs it was assigned to, lose the case at
    once; the link stays as history. Counsel instructed for the party go with the
    representation that instructed them [A12]. The caller holds the party's lock."""
    if link.capacity == LinkCapacity.REPRESENTATION:
        counsel = CaseLink.objects.filter(
            party_id=link.party_id, capacity=LinkCapacity.COUNSEL, ended_at__isnull=True
        ).first()
        if counsel is not None:
            case_link_end(actor=actor, link=counsel)
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


# --- CASE-3 (a), REG-9: the cases listed in an application, when its account opens ----------


def individual_links_end(account, *, actor) -> int:
    """LIFE-2, LIFE-5: an IU account that ends no longer represents anyone: its current case
    links end (each kept as history, with the case and its messages), so a new link can be made
    to the party. Registered with accounts.ending by cases.apps; runs in the ending's
    transaction. Returns how many links ended."""
    links = list(
        CaseLink.objects.filter(individual=account, ended_at__isnull=True)
        .select_related("case")
        .order_by("party_id")
    )
    for link in links:
        locked_party(link.party_id)
        case_link_end(actor=actor, link=link)
    return len(links)


def case_link_requests_for_application(
    *,
    actor,
    application_reference: str,
    listed: list[tuple[str, str]],
    channel: str,
    received_on,
    party_name: str = "",
    organization=None,
    individual=None,
    lodged_by=None,
) -> tuple[list[CaseLinkRequest], list[CaseCheck]]:
    """REG-9, CASE-3 (a) [A45]: a request to link, for the registry to check against the
    case's parties, for each listed case (case number, party type) that can be linked now;
    the holder is the new IU account, or the PA's organization. Returns the requests made
    and the checks of the listed cases that cannot be linked (not a case, unknown, not
    e-enabled, finally disposed): those get no request, and the applicant is told.

    "Not a party" (an organization acting for a party) is kept as no party type: the registry
    finds the party from the proof of involvement. Call inside the account's opening."""
    if (organization is None) == (individual is None):
        raise ValueError("A request is for an IU account or for an organization.")
    checks = case_checks([number for number, _party_type in listed])
    made: list[CaseLinkRequest] = []
    refused: list[CaseCheck] = []
    seen = set()
    for (_typed, party_type), check in zip(listed, checks, strict=True):
        if not check.linkable:
            refused.append(check)
            continue
        party_type = party_type if party_type in PartyType.values else ""
        if (check.number, party_type) in seen:
            continue
        seen.add((check.number, party_type))
        request = CaseLinkRequest.objects.create(
            case=check.case,
            route=LinkRoute.APPLICATION,
            application_reference=application_reference,
            party_type=party_type,
            party_name=party_name[:300],
            channel=channel,
            received_on=received_on,
            organization=organization,
            individual=individual,
            lodged_by=lodged_by,
            lodged_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="case_link_request.created",
            obj=request,
            after={
                "case": check.number,
                "route": LinkRoute.APPLICATION,
                "application": application_reference,
                "party_type": party_type,
                "organization": organization.pk if organization else None,
                "individual": individual.login_name if individual else None,
            },
        )
        made.append(request)
    return made, refused


# --- CASE-3 (c): filing a document that links, once the registry accepts it -----------------


class LinkingDocument(models.TextChoices):
    """CASE-3 (c) [A45]: the documents whose acceptance links the filer to the case."""

    ORIGINATING_DOCUMENT = "ORIGINATING_DOCUMENT", _("Originating document")
    ACKNOWLEDGMENT_OF_SERVICE = "ACKNOWLEDGMENT_OF_SERVICE", _("Acknowledgment of Service")
    DEFENCE = "DEFENCE", _("Defence")
    DEFENCE_AND_COUNTERCLAIM = "DEFENCE_AND_COUNTERCLAIM", _("Defence and Counterclaim")
    NOTICE_TO_ACT = "NOTICE_TO_ACT", _("Notice to Act")


def case_link_on_accepted_filing(
    *, actor, case_id, party_id, filer, document_type: str
) -> CaseLink | None:
    """CASE-3 (c): the registry accepted and completed processing a filing of `filer` for the
    party: an IU filer is linked itself; an OU filer's organization is linked (its PA or SA
    then assigns the case to OUs, CASE-4; the filer is not assigned by this). Other document
    types link nothing (None). Filing again links nothing new: the party's present link is
    returned. A case not e-enabled (or finally disposed) is refused, and so is a party
    another holder is linked to (a new representative takes over by a Notice of Change).
    Call inside the transaction that accepts the filing."""
    require(actor, Capability.RUN_REGISTRY)
    if document_type not in LinkingDocument.values:
        return None
    if filer is None or not can(filer, Capability.USE_E_SERVICES):
        raise NotPermitted()
    individual = filer if filer.role == Role.IU else None
    organization = filer.organization if filer.role == Role.OU else None
    if individual is None and organization is None:
        raise NotPermitted()
    with transaction.atomic():
        party = locked_party(party_id)
        if str(party.case_id) != str(case_id):
            raise NotFound()
        refuse_unless_linkable(party.case)
        existing = representation_of(party)
        link = case_link_create(
            actor=actor,
            party=party,
            route=LinkRoute.FILING,
            organization=organization,
            individual=individual,
        )
        if existing is None:
            audit_record(
                actor=actor,
                action="case_link.linked_on_filing",
                obj=link,
                after={
                    "case": party.case.number,
                    "party": party.pk,
                    "document_type": document_type,
                    "filer": filer.login_name,
                },
            )
    return link
