"""Counsel [A12]: a party's solicitors brief a barrister (an OU account of the Bar
Association's organization) for the party, and withdraw the brief. The first brief links the
Bar Association's organization to the party as counsel, beside the solicitors' link; the
barristers briefed are that link's assignments, so each sees the case, its documents and
hearings, and files what counsel files (`DocumentType.counsel_may_file`). The last brief
withdrawn, or the solicitors' link ended (a Notice of Change), ends counsel's link.

Every write takes the party's lock first, then the Bar Association's organization (for the
limit of OUs per case party, CASE-7, counted under it), as the other writes of a case do."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from cases.models import CaseAssignment, LinkCapacity, LinkRoute
from cases.selectors.access import representation_of, visible_links
from cases.selectors.assignment import organization_users_on_party
from cases.selectors.counsel import barrister_account, counsel_link_of, instructing_links
from cases.selectors.paging import _int_or_none as _id
from cases.services.linking import case_link_create, case_link_end, refuse_unless_linkable
from cases.services.locks import locked_party
from cases.services.notices import tell_in_their_language
from core.errors import NotFound, ValidationFailed
from core.names import person_name
from core.wording import bracketed
from organizations.limits import limit_check, organization_locked
from permissions.roles import Capability, require


def _instructing_link_locked(actor, link_id):
    """The solicitors' link, if `actor` may brief counsel for it, with its party locked (the
    case's lock order: the party, then its links); anything else is not found (ROLE-2)."""
    link_id = _id(link_id)
    seen = instructing_links(actor).filter(pk=link_id).first() if link_id is not None else None
    if seen is None:
        raise NotFound()
    party = locked_party(seen.party_id)
    # Read again under the lock: a Notice of Change may have ended it meanwhile.
    link = instructing_links(actor).filter(pk=seen.pk).select_related("organization").first()
    if link is None:
        raise NotFound()
    link.party = party
    return link


def counsel_instruct(*, actor, link_id, login_name: str) -> CaseAssignment:
    """Brief the barrister whose OU account has `login_name` for the party of the solicitors'
    link `link_id`. Refused with a field error for any login name that is not a barrister's
    account in service, and beyond the Bar Association's limit of OUs on one party. Briefing
    a barrister already briefed changes nothing."""
    require(actor, Capability.INSTRUCT_COUNSEL)
    with transaction.atomic():
        link = _instructing_link_locked(actor, link_id)
        party = link.party
        refuse_unless_linkable(party.case)
        barrister = barrister_account(login_name)
        if barrister is None:
            raise ValidationFailed(
                {
                    "login_name": [
                        _(
                            "No barrister's account has this login name. Ask counsel for the "
                            "login name of their account under the Hong Kong Bar Association."
                        )
                    ]
                }
            )
        organization = organization_locked(barrister.organization_id)
        counsel = case_link_create(
            actor=actor,
            party=party,
            route=LinkRoute.COUNSEL_INSTRUCTED,
            organization=organization,
            capacity=LinkCapacity.COUNSEL,
        )
        existing = CaseAssignment.objects.filter(link=counsel, organization_user=barrister)
        if existing.exists():
            return existing.get()
        limit_check(
            organization,
            "organization_users_per_case_party",
            count=organization_users_on_party(counsel.pk),
        )
        brief = CaseAssignment.objects.create(
            link=counsel,
            organization=organization,
            organization_user=barrister,
            assigned_by=actor,
            assigned_at=timezone.now(),
        )
        values = {
            "number": party.case.number,
            "party": party.name,
            "solicitors": link.organization.name,
        }
        audit_record(
            actor=actor,
            action="counsel.instructed",
            obj=barrister,
            after={
                "case": party.case.number,
                "party": party.pk,
                "counsel_link": counsel.pk,
                "solicitors": link.organization_id,
            },
        )
        tell_in_their_language(
            [barrister] if barrister.is_active else [],
            subject=_("You are instructed as counsel in %(number)s"),
            body=_(
                "%(solicitors)s instructed you as counsel for %(party)s in %(number)s. You "
                "can now see the case, its documents and hearings, and file written "
                "submissions, skeleton arguments and lists of authorities for the party."
            ),
            values=values,
            case=party.case,
            actor=actor,
        )
    return brief


def counsel_withdraw(*, actor, link_id, counsel_id) -> None:
    """Withdraw the brief of one barrister for the party of the solicitors' link. The last
    brief withdrawn ends counsel's link (kept as the party's history)."""
    require(actor, Capability.INSTRUCT_COUNSEL)
    if _id(counsel_id) is None:
        raise NotFound()
    with transaction.atomic():
        link = _instructing_link_locked(actor, link_id)
        party = link.party
        counsel = counsel_link_of(party.pk)
        brief = (
            CaseAssignment.objects.select_related("organization_user")
            .filter(link=counsel, organization_user_id=_id(counsel_id))
            .first()
            if counsel is not None
            else None
        )
        if brief is None:
            raise NotFound()
        barrister = brief.organization_user
        ended = _brief_ended(actor, brief)
        audit_record(
            actor=actor,
            action="counsel.withdrawn",
            obj=barrister,
            before={
                "case": party.case.number,
                "party": party.pk,
                "counsel_link": counsel.pk,
                "solicitors": link.organization_id,
            },
            after={"counsel_link_ended": ended},
        )
        tell_in_their_language(
            [barrister] if barrister.is_active else [],
            subject=_("Your instructions in %(number)s are withdrawn"),
            body=_(
                "%(solicitors)s withdrew your instructions as counsel for %(party)s in "
                "%(number)s. You no longer see the case or file in it."
            ),
            values={
                "number": party.case.number,
                "party": party.name,
                "solicitors": link.organization.name,
            },
            case=None,  # the case is no longer theirs to open
            actor=actor,
        )


def _brief_ended(actor, brief: CaseAssignment) -> bool:
    """Delete the brief; the last one of counsel's link ends the link. Whether it did."""
    counsel = brief.link
    brief.delete()
    if CaseAssignment.objects.filter(link=counsel).exists():
        return False
    case_link_end(actor=actor, link=counsel)
    return True


def counsel_brief_return(*, actor, link_id) -> None:
    """Counsel returns its brief (a barrister who cannot take the case): it no longer sees the
    case or files in it, and the solicitors who briefed it are told. The last barrister to
    return a brief ends counsel's link."""
    require(actor, Capability.USE_E_SERVICES)
    link_id = _id(link_id)
    seen = (
        visible_links(actor).filter(pk=link_id, capacity=LinkCapacity.COUNSEL).first()
        if link_id is not None
        else None
    )
    if seen is None:
        raise NotFound()
    with transaction.atomic():
        party = locked_party(seen.party_id)
        brief = (
            CaseAssignment.objects.select_related("link", "assigned_by")
            .filter(link_id=seen.pk, organization_user=actor, link__ended_at__isnull=True)
            .first()
        )
        if brief is None:
            raise NotFound()
        counsel = brief.link
        ended = _brief_ended(actor, brief)
        audit_record(
            actor=actor,
            action="counsel.brief_returned",
            obj=counsel,
            before={"case": party.case.number, "party": party.pk},
            after={"counsel_link_ended": ended},
        )
        tell_in_their_language(
            _solicitors_to_tell(party, brief.assigned_by),
            subject=_("Counsel returned the brief in %(number)s"),
            body=_(
                "%(counsel)s returned the brief for %(party)s in %(number)s, and no longer "
                "sees the case or files in it."
            ),
            values={
                "number": party.case.number,
                "party": party.name,
                "counsel": bracketed(person_name(actor.full_name), actor.login_name),
            },
            case=party.case,
            actor=actor,
        )


def _solicitors_to_tell(party, briefed_by) -> list:
    """The OUs of the party's solicitors on the party, and whoever briefed counsel if still
    one of theirs; each once, and only accounts that can be used."""
    representation = representation_of(party)
    if representation is None or representation.organization_id is None:
        return []
    accounts = {
        assignment.organization_user_id: assignment.organization_user
        for assignment in representation.assignments.select_related("organization_user")
    }
    if briefed_by is not None and briefed_by.organization_id == representation.organization_id:
        accounts[briefed_by.pk] = briefed_by
    return [accounts[pk] for pk in sorted(accounts) if accounts[pk].is_active]
