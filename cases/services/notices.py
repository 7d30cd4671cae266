"""What holders lodge for the registry to process, and its decisions: requests to link a case
(CASE-3 (a), a case listed in an approved application; (b), a Notice of Consent to transact by
iCMS [A45]) and Notices of Change of legal representative (BEY-1).

A Notice is lodged online by the holder (an IU for itself, a PA or SA for its organization) or
keyed in by a registry clerk from paper. The registry checks it against the case's parties and
accepts it, naming the party (which links, through `cases.services.linking`), or refuses it
with reasons. A link the registry made to the wrong party it corrects, with reasons. Every write
is audited; input is checked before any lock is taken."""

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES, User, normalize_login_name
from audit.services import audit_record
from cases.models import (
    Case,
    CaseAssignment,
    CaseLink,
    CaseLinkRequest,
    CaseParty,
    LinkCapacity,
    LinkRoute,
    LodgementChannel,
    NoticeOfChange,
    PartyType,
    RequestStatus,
)
from cases.selectors.access import representation_of
from cases.selectors.counsel import counsel_briefed
from cases.selectors.linkability import Linkability, case_check
from cases.selectors.notices import lodging_holder
from cases.services.linking import case_link_create, case_link_end, refuse_unless_linkable
from cases.services.locks import locked_case, locked_party
from cases.transitions import LINK_REQUEST_TRANSITIONS, NOTICE_OF_CHANGE_TRANSITIONS
from core import policy
from core.errors import DomainError, NotFound, ValidationFailed
from core.organization_codes import normalize_organization_code
from core.uploads import atomic_with_files, inspect_upload
from core.workdays import local_today
from messaging.models import MessageKind
from messaging.services import messages_deliver
from organizations.models import Organization
from permissions.roles import Capability, Role, require

PAPER_CHANNELS = (LodgementChannel.BY_HAND, LodgementChannel.POST)
PARTY_NAME_MAX = 300


class RequestAlreadyPending(DomainError):
    code = "request_already_pending"
    status = 409
    default_message = _(
        "A request for this case and party type is already waiting for the registry. Another "
        "can be lodged once it has been decided."
    )


class AlreadyLinked(DomainError):
    code = "already_linked"
    status = 409
    default_message = _("This account or organization is already linked to this party.")


class AlreadyRepresents(DomainError):
    code = "already_represents"
    status = 409
    default_message = _(
        "The incoming organization is already this party's legal representative: there is "
        "nothing to change. Refuse the notice, giving that as the reason."
    )


class RepresentationChanged(DomainError):
    code = "representation_changed"
    status = 409
    default_message = _(
        "This party's representation has changed since the notice was lodged (for instance, "
        "another notice was accepted in the meantime). Refuse this notice; the organization "
        "may lodge a new one against the present representation."
    )


# --- reading what was typed -----------------------------------------------------------------------

_CASE_REFUSALS = {
    Linkability.NOT_A_CASE_NUMBER: _(
        "Enter a case number as the court writes it, such as DCPI 1234/2025."
    ),
    Linkability.UNKNOWN: _(
        "No case has the number %(number)s. Check the number on the court's documents."
    ),
    Linkability.NOT_E_ENABLED: _(
        "Case %(number)s is not conducted through iCMS: no implementation notice covers its "
        "proceedings. The proceedings stay on paper: transact with the registry as before."
    ),
    Linkability.DISPOSED: _(
        "Case %(number)s has been finally disposed of: it can no longer be linked."
    ),
}


def _case(typed, errors: dict) -> Case | None:
    check = case_check(typed)
    if check.linkable:
        return check.case
    errors["case_number"] = [_CASE_REFUSALS[check.linkability] % {"number": check.number}]
    return None


def _party(party_type, party_name, errors: dict) -> tuple[str, str]:
    if party_type not in PartyType.values:
        errors["party_type"] = [_("Choose the party type.")]
    name = " ".join(party_name.split()) if isinstance(party_name, str) else ""
    if not name:
        errors["party_name"] = [_("Enter the name of the party, as in the case's title.")]
    elif len(name) > PARTY_NAME_MAX:
        errors["party_name"] = [
            _("At most %(n)d characters.") % {"n": PARTY_NAME_MAX},
        ]
    return party_type, name


def _notice_document(document, errors: dict) -> dict | None:
    """The signed notice (online) or the scanned one (paper), as a PDF."""
    if document is None or isinstance(document, str):
        errors["document"] = [_("Attach the notice as a PDF file.")]
        return None
    facts, problem = inspect_upload(document)
    if problem:
        errors["document"] = [problem]
        return None
    if facts["content_type"] != "application/pdf":
        errors["document"] = [_("Attach the notice as a PDF file.")]
        return None
    return facts


def _paper(channel, received_on, errors: dict) -> None:
    if channel not in PAPER_CHANNELS:
        errors["channel"] = [_("Choose how the notice reached the registry.")]
    if not isinstance(received_on, datetime.date) or isinstance(received_on, datetime.datetime):
        errors["received_on"] = [_("Enter the date the registry received the notice.")]
    elif received_on > local_today():
        errors["received_on"] = [_("The date received cannot be in the future.")]
    elif policy.paper_received_too_long_ago(received_on):
        errors["received_on"] = [_("The date received cannot be more than two years ago.")]


def _organization_by_code(typed, errors: dict) -> Organization | None:
    code = normalize_organization_code(typed if isinstance(typed, str) else "")
    organization = Organization.objects.filter(code=code).first() if code else None
    if organization is None:
        errors["organization_code"] = [_("No organization has this Organization Code.")]
    return organization


def _iu_by_login_name(typed, errors: dict) -> User | None:
    login_name = normalize_login_name(typed) if isinstance(typed, str) else ""
    account = (
        User.objects.filter(login_name=login_name, role=Role.IU, status__in=LIVE_STATUSES).first()
        if login_name
        else None
    )
    if account is None:
        errors["login_name"] = [_("No Individual User account has this login name.")]
    return account


def _same_name(a: str, b: str) -> bool:
    def fold(text):
        return re.sub(r"\s+", " ", text).strip().casefold()

    return fold(a) == fold(b)


def _stored(lodgement, document, facts: dict, written: list) -> None:
    # Stored under a name of our own (its digest), never the name the sender gave.
    lodgement.document.save(f"{facts['sha256'][:16]}{facts['extension']}", document, save=False)
    written.append((lodgement.document.storage, lodgement.document.name))
    lodgement.save()


def _received(channel, received_on) -> tuple[str, datetime.date]:
    if channel is None:
        return LodgementChannel.ONLINE, local_today()
    return channel, received_on


# --- CASE-3 (b): Notices of Consent -------------------------------------------------------------


def _refuse_duplicate_link_request(*, case, party_type, party_name, organization, individual):
    holder = Q(organization=organization) if organization else Q(individual=individual)
    if CaseLinkRequest.objects.filter(
        holder, case=case, party_type=party_type, status=RequestStatus.PENDING
    ).exists():
        raise RequestAlreadyPending()
    linked = CaseLink.objects.filter(
        holder,
        case=case,
        ended_at__isnull=True,
        capacity=LinkCapacity.REPRESENTATION,
        party__party_type=party_type,
    ).select_related("party")
    if any(_same_name(link.party.name, party_name) for link in linked):
        raise AlreadyLinked()


def _notice_of_consent_create(
    *,
    actor,
    organization,
    individual,
    case,
    party_type,
    party_name,
    document,
    facts,
    channel=None,
    received_on=None,
) -> CaseLinkRequest:
    channel, received_on = _received(channel, received_on)
    with atomic_with_files() as written:
        case = locked_case(case.pk)
        _refuse_duplicate_link_request(
            case=case,
            party_type=party_type,
            party_name=party_name,
            organization=organization,
            individual=individual,
        )
        request = CaseLinkRequest(
            route=LinkRoute.NOTICE_OF_CONSENT,
            case=case,
            party_type=party_type,
            party_name=party_name,
            organization=organization,
            individual=individual,
            channel=channel,
            received_on=received_on,
            lodged_by=actor,
            lodged_at=timezone.now(),
        )
        _stored(request, document, facts, written)
        audit_record(
            actor=actor,
            action="case_link_request.lodged",
            obj=request,
            after={
                "route": request.route,
                "case": case.number,
                "party_type": party_type,
                "party_name": party_name,
                "channel": channel,
                "received_on": received_on.isoformat(),
                "organization": organization.pk if organization else None,
                "individual": individual.login_name if individual else None,
                "document_sha256": facts["sha256"],
            },
        )
    return request


def notice_of_consent_lodge(
    *, actor, case_number, party_type, party_name, document
) -> CaseLinkRequest:
    """An IU (for itself) or a PA or SA (for its organization) lodges a Notice of Consent to
    transact by iCMS online, with the signed notice."""
    require(actor, Capability.LODGE_NOTICE_OF_CONSENT)
    organization, individual = lodging_holder(actor)
    require(actor, Capability.LODGE_NOTICE_OF_CONSENT, organization or individual)
    errors: dict = {}
    case = _case(case_number, errors)
    party_type, party_name = _party(party_type, party_name, errors)
    facts = _notice_document(document, errors)
    if errors:
        raise ValidationFailed(errors)
    return _notice_of_consent_create(
        actor=actor,
        organization=organization,
        individual=individual,
        case=case,
        party_type=party_type,
        party_name=party_name,
        document=document,
        facts=facts,
    )


def notice_of_consent_key_in(
    *,
    actor,
    case_number,
    party_type,
    party_name,
    channel,
    received_on,
    document,
    login_name="",
    organization_code="",
) -> CaseLinkRequest:
    """A registry clerk keys in a Notice of Consent received by hand or by post, with the
    scanned notice; the holder is named by an IU's login name or an Organization Code."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    organization = individual = None
    login_name = login_name.strip() if isinstance(login_name, str) else ""
    organization_code = organization_code.strip() if isinstance(organization_code, str) else ""
    if bool(login_name) == bool(organization_code):
        errors["login_name"] = [
            _(
                "Name the holder: the login name of an Individual User, or the Organization "
                "Code of an organization (one of the two)."
            )
        ]
    elif login_name:
        individual = _iu_by_login_name(login_name, errors)
    else:
        organization = _organization_by_code(organization_code, errors)
    case = _case(case_number, errors)
    party_type, party_name = _party(party_type, party_name, errors)
    _paper(channel, received_on, errors)
    facts = _notice_document(document, errors)
    if errors:
        raise ValidationFailed(errors)
    return _notice_of_consent_create(
        actor=actor,
        organization=organization,
        individual=individual,
        case=case,
        party_type=party_type,
        party_name=party_name,
        document=document,
        facts=facts,
        channel=channel,
        received_on=received_on,
    )


# --- CASE-3 (a), (b): the registry's decision -------------------------------------------------


def _party_id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationFailed({"party": [_("Choose one of the case's parties.")]}) from None


def _party_of_case(lodgement, party_id: int) -> CaseParty:
    """The party the clerk picked, locked; it must be a party of the lodgement's case."""
    if not CaseParty.objects.filter(pk=party_id, case_id=lodgement.case_id).exists():
        raise ValidationFailed({"party": [_("Choose one of the case's parties.")]})
    return locked_party(party_id)


def _locked(model, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = model.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def link_request_accept(*, actor, request_id, party_id) -> CaseLinkRequest:
    """The registry found the request to be for `party_id`: the holder is linked to it by the
    request's route, and the request accepted, together or not at all."""
    require(actor, Capability.RUN_REGISTRY)
    party_id = _party_id(party_id)
    with transaction.atomic():
        request = _locked(CaseLinkRequest, request_id)
        LINK_REQUEST_TRANSITIONS.check(request, "accept", actor=actor)
        party = _party_of_case(request, party_id)
        current = representation_of(party)
        if current is not None and (
            (request.organization_id and current.organization_id == request.organization_id)
            or (request.individual_id and current.individual_id == request.individual_id)
        ):
            raise AlreadyLinked(
                _(
                    "This party is already linked to this holder: there is nothing to accept. "
                    "Refuse the request, giving that as the reason."
                )
            )
        link = case_link_create(
            actor=actor,
            party=party,
            route=request.route,
            organization=request.organization,
            individual=request.individual,
        )
        request.decided_by = actor
        LINK_REQUEST_TRANSITIONS.apply(
            request, "accept", actor=actor, party=party, link=link, decided_at=timezone.now()
        )
        tell_in_their_language(
            _holders_of(request.individual, request.organization, request.lodged_by),
            subject=_("Request to link %(number)s accepted"),
            body=_(
                "The registry accepted your request to link to %(number)s, for %(party)s. The "
                "case is now among your cases."
            ),
            values={"number": request.case.number, "party": party.name},
            case=request.case,
            actor=actor,
        )
    return request


def link_request_refuse(*, actor, request_id, reasons) -> CaseLinkRequest:
    """The registry refuses the request, with reasons the holder reads; nothing is linked."""
    require(actor, Capability.RUN_REGISTRY)
    reasons = LINK_REQUEST_TRANSITIONS.reasons("refuse", reasons)
    with transaction.atomic():
        request = _locked(CaseLinkRequest, request_id)
        LINK_REQUEST_TRANSITIONS.check(request, "refuse", actor=actor)
        request.decided_by = actor
        LINK_REQUEST_TRANSITIONS.apply(
            request, "refuse", actor=actor, reasons=reasons, decided_at=timezone.now()
        )
        tell_in_their_language(
            _holders_of(request.individual, request.organization, request.lodged_by),
            subject=_("Request to link %(number)s refused"),
            body=_(
                "The registry refused your request to link to %(number)s, for these reasons:"
                "\n\n%(reasons)s\n\nNothing was linked."
            ),
            values={"number": request.case.number, "reasons": reasons},
            case=None,
            actor=actor,
        )
    return request


# --- BEY-1: Notices of Change -------------------------------------------------------------------


def _refuse_duplicate_notice_of_change(*, case, party_type, party_name, organization):
    if NoticeOfChange.objects.filter(
        incoming_organization=organization,
        case=case,
        party_type=party_type,
        status=RequestStatus.PENDING,
    ).exists():
        raise RequestAlreadyPending()
    represented = CaseLink.objects.filter(
        organization=organization,
        case=case,
        ended_at__isnull=True,
        capacity=LinkCapacity.REPRESENTATION,
        party__party_type=party_type,
    ).select_related("party")
    if any(_same_name(link.party.name, party_name) for link in represented):
        raise AlreadyRepresents(_("The organization already represents this party."))


def _notice_of_change_create(
    *,
    actor,
    organization,
    case,
    party_type,
    party_name,
    document,
    facts,
    channel=None,
    received_on=None,
) -> NoticeOfChange:
    channel, received_on = _received(channel, received_on)
    with atomic_with_files() as written:
        case = locked_case(case.pk)
        _refuse_duplicate_notice_of_change(
            case=case, party_type=party_type, party_name=party_name, organization=organization
        )
        notice = NoticeOfChange(
            incoming_organization=organization,
            case=case,
            party_type=party_type,
            party_name=party_name,
            channel=channel,
            received_on=received_on,
            lodged_by=actor,
            lodged_at=timezone.now(),
        )
        _stored(notice, document, facts, written)
        audit_record(
            actor=actor,
            action="notice_of_change.lodged",
            obj=notice,
            after={
                "case": case.number,
                "party_type": party_type,
                "party_name": party_name,
                "incoming_organization": organization.pk,
                "channel": channel,
                "received_on": received_on.isoformat(),
                "document_sha256": facts["sha256"],
            },
        )
    return notice


def notice_of_change_lodge(
    *, actor, case_number, party_type, party_name, document
) -> NoticeOfChange:
    """A PA or SA of the incoming organization lodges a Notice of Change online: the
    organization takes over as the party's legal representative once the registry accepts."""
    require(actor, Capability.LODGE_NOTICE_OF_CHANGE)
    organization = actor.organization
    require(actor, Capability.LODGE_NOTICE_OF_CHANGE, organization)
    errors: dict = {}
    case = _case(case_number, errors)
    party_type, party_name = _party(party_type, party_name, errors)
    facts = _notice_document(document, errors)
    if errors:
        raise ValidationFailed(errors)
    return _notice_of_change_create(
        actor=actor,
        organization=organization,
        case=case,
        party_type=party_type,
        party_name=party_name,
        document=document,
        facts=facts,
    )


def notice_of_change_key_in(
    *,
    actor,
    organization_code,
    case_number,
    party_type,
    party_name,
    channel,
    received_on,
    document,
) -> NoticeOfChange:
    """A registry clerk keys in a Notice of Change received by hand or by post, with the
    scanned notice; the incoming organization is named by its Organization Code."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    organization = _organization_by_code(organization_code, errors)
    case = _case(case_number, errors)
    party_type, party_name = _party(party_type, party_name, errors)
    _paper(channel, received_on, errors)
    facts = _notice_document(document, errors)
    if errors:
        raise ValidationFailed(errors)
    return _notice_of_change_create(
        actor=actor,
        organization=organization,
        case=case,
        party_type=party_type,
        party_name=party_name,
        document=document,
        facts=facts,
        channel=channel,
        received_on=received_on,
    )


def notice_of_change_accept(*, actor, notice_id, party_id) -> NoticeOfChange:
    """The registry accepts the notice for `party_id`. Under the party's lock, its present
    link (an IU in person, or another organization) ends and the incoming organization is
    linked, so the outgoing organization's accounts lose the case at once and, until it
    assigns the case, the incoming organization's default OUs receive its messages. The
    ended link stays as the party's history."""
    require(actor, Capability.RUN_REGISTRY)
    party_id = _party_id(party_id)
    with transaction.atomic():
        notice = _locked(NoticeOfChange, notice_id)
        NOTICE_OF_CHANGE_TRANSITIONS.check(notice, "accept", actor=actor)
        party = _party_of_case(notice, party_id)
        refuse_unless_linkable(party.case)
        current = representation_of(party)
        if current is not None:
            if current.organization_id == notice.incoming_organization_id:
                raise AlreadyRepresents()
            # Linked after this notice was lodged (e.g. another notice accepted meanwhile): the
            # notice takes over from a representation that is no longer there.
            if current.linked_at > notice.lodged_at:
                raise RepresentationChanged()
            briefed = counsel_briefed([party.pk])[party.pk]
            case_link_end(actor=actor, link=current)
            _tell_counsel_brief_ended(briefed, party=party, actor=actor)
        link = case_link_create(
            actor=actor,
            party=party,
            route=LinkRoute.NOTICE_OF_CHANGE,
            organization=notice.incoming_organization,
        )
        notice.decided_by = actor
        NOTICE_OF_CHANGE_TRANSITIONS.apply(
            notice,
            "accept",
            actor=actor,
            party=party,
            link=link,
            outgoing_link=current,
            decided_at=timezone.now(),
        )
        values = {"number": party.case.number, "party": party.name}
        tell_in_their_language(
            _holders_of(None, notice.incoming_organization, notice.lodged_by),
            subject=_("Notice of Change in %(number)s accepted"),
            body=_(
                "The registry accepted your Notice of Change in %(number)s: your organization "
                "now represents %(party)s. Assign the case to the accounts that will act in it."
            ),
            values=values,
            case=party.case,
            actor=actor,
        )
        if current is not None:
            tell_in_their_language(
                _holders_of(current.individual, current.organization, None),
                subject=_("Representation in %(number)s changed"),
                body=_(
                    "The registry accepted a Notice of Change in %(number)s: %(party)s is now "
                    "represented by another organization, which from now on receives the "
                    "case's documents and messages."
                ),
                values=values,
                case=None,
                actor=actor,
            )
    return notice


def notice_of_change_refuse(*, actor, notice_id, reasons) -> NoticeOfChange:
    require(actor, Capability.RUN_REGISTRY)
    reasons = NOTICE_OF_CHANGE_TRANSITIONS.reasons("refuse", reasons)
    with transaction.atomic():
        notice = _locked(NoticeOfChange, notice_id)
        NOTICE_OF_CHANGE_TRANSITIONS.check(notice, "refuse", actor=actor)
        notice.decided_by = actor
        NOTICE_OF_CHANGE_TRANSITIONS.apply(
            notice, "refuse", actor=actor, reasons=reasons, decided_at=timezone.now()
        )
        tell_in_their_language(
            _holders_of(None, notice.incoming_organization, notice.lodged_by),
            subject=_("Notice of Change in %(number)s refused"),
            body=_(
                "The registry refused your Notice of Change in %(number)s, for these reasons:"
                "\n\n%(reasons)s\n\nThe representation is unchanged."
            ),
            values={"number": notice.case.number, "reasons": reasons},
            case=None,
            actor=actor,
        )
    return notice


# --- a link made to the wrong party ----------------------------------------------------------

CORRECTION_REASONS_MAX = 2000


class LinkNoLongerCurrent(DomainError):
    code = "link_not_current"
    status = 409
    default_message = _(
        "This link is no longer current (it ended, or was corrected meanwhile): there is "
        "nothing to correct."
    )


def case_link_correct(*, actor, link_id, party_id, reasons) -> CaseLink:
    """The registry linked a holder to the wrong party of a case (the plaintiff, for a firm that
    acts for the defendant): the holder is linked to `party_id` of the same case instead, with
    reasons. Under both parties' locks (in the order of their ids, then the link's), the wrong
    link ends and stays as history, the holder is linked to the right party (route CORRECTION),
    the OUs assigned to the case keep it, and the holder hears of it. Not a change of
    representation: that is a Notice of Change."""
    require(actor, Capability.RUN_REGISTRY)
    party_id = _party_id(party_id)
    reasons = " ".join(str(reasons or "").split())
    if not reasons:
        raise ValidationFailed(
            {
                "reasons": [
                    _(
                        "Say why the link is corrected: the holder is told, and the audit "
                        "trail keeps it."
                    )
                ]
            }
        )
    if len(reasons) > CORRECTION_REASONS_MAX:
        raise ValidationFailed(
            {"reasons": [_("At most %(n)d characters.") % {"n": CORRECTION_REASONS_MAX}]}
        )
    # A counsel link is not moved: it ends with its party's representation, and the
    # solicitors instruct counsel again for the right party [A12].
    seen = CaseLink.objects.filter(
        pk=link_id if str(link_id).isdigit() else None, capacity=LinkCapacity.REPRESENTATION
    ).first()
    if seen is None:
        raise NotFound()
    if seen.ended_at is not None:
        raise LinkNoLongerCurrent()
    if party_id == seen.party_id:
        raise ValidationFailed(
            {"party": [_("The link is for this party already: choose the party it should be for.")]}
        )
    if not CaseParty.objects.filter(pk=party_id, case_id=seen.case_id).exists():
        raise ValidationFailed({"party": [_("Choose one of the case's parties.")]})
    with transaction.atomic():
        # The case's order: the case (taken with the first party), both parties by id, the link.
        parties = {pk: locked_party(pk) for pk in sorted((seen.party_id, party_id))}
        link = CaseLink.objects.select_for_update().get(pk=seen.pk)
        if link.ended_at is not None or link.party_id != seen.party_id:
            raise LinkNoLongerCurrent()
        wrong, right = parties[link.party_id], parties[party_id]
        refuse_unless_linkable(right.case)
        if representation_of(right) is not None:
            raise ValidationFailed(
                {
                    "party": [
                        _(
                            "%(party)s is already linked to another account or organization: "
                            "a party has one link at a time."
                        )
                        % {"party": right.name}
                    ]
                }
            )
        briefed = counsel_briefed([wrong.pk])[wrong.pk]
        case_link_end(actor=actor, link=link)
        _tell_counsel_brief_ended(briefed, party=wrong, actor=actor)
        corrected = case_link_create(
            actor=actor,
            party=right,
            route=LinkRoute.CORRECTION,
            organization=link.organization,
            individual=link.individual,
        )
        kept = CaseAssignment.objects.filter(link=link).update(link=corrected)
        audit_record(
            actor=actor,
            action="case_link.corrected",
            obj=corrected,
            before={"link": link.pk, "party": wrong.pk, "party_name": wrong.name},
            after={
                "link": corrected.pk,
                "party": right.pk,
                "party_name": right.name,
                "assignments_kept": kept,
                "reasons": reasons,
            },
        )
        tell_in_their_language(
            _holders_of(link.individual, link.organization, None),
            subject=_("Your link to %(number)s corrected"),
            body=_(
                "The registry corrected your link to %(number)s: you are linked for %(party)s, "
                "not for %(wrong)s. Its reasons: %(reasons)s"
            ),
            values={
                "number": right.case.number,
                "party": right.name,
                "wrong": wrong.name,
                "reasons": reasons,
            },
            case=right.case,
            actor=actor,
        )
    return corrected


# --- MSG-1: the holders hear of the registry's decisions ---------------------------------------


def _holders_of(individual, organization, lodged_by) -> list[User]:
    """Who hears of a decision on a lodgement: the IU itself; for an organization, its PA and
    the account that lodged it (a paper notice keyed in by a clerk has none)."""
    if individual is not None:
        return [individual] if individual.is_active else []
    holders = {
        account.pk: account
        for account in User.objects.filter(
            organization=organization, role=Role.PA, status__in=LIVE_STATUSES
        )
        if account.is_active
    }
    if (
        lodged_by is not None
        and lodged_by.organization_id == organization.pk
        and lodged_by.is_active
    ):
        holders[lodged_by.pk] = lodged_by
    return [holders[pk] for pk in sorted(holders)]


def _tell_counsel_brief_ended(briefs, *, party, actor) -> None:
    """Counsel's brief ends with the representation that gave it: counsel is told why."""
    tell_in_their_language(
        [brief.organization_user for brief in briefs if brief.organization_user.is_active],
        subject=_("Your instructions in %(number)s have ended"),
        body=_(
            "The solicitors who instructed you no longer act for %(party)s in %(number)s, and "
            "your instructions as counsel ended with theirs. You no longer see the case or "
            "file in it."
        ),
        values={"number": party.case.number, "party": party.name},
        case=None,  # the case is no longer theirs to open
        actor=actor,
    )


def tell_in_their_language(recipients, *, subject, body, values, case, actor) -> None:
    """One Message Box message to each recipient, in the recipient's own language."""
    for recipient in recipients:
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            messages_deliver(
                recipients=[recipient],
                kind=MessageKind.NOTICE,
                subject=str(subject) % values,
                body=str(body) % values,
                case=case,
                sent_by=actor,
            )
