"""SVC-1 [A2]: e-filing, from submission to the registry's decision.

A linked IU, or an OU assigned to the case, files PDFs of the types the court's policy allows
in the case's proceedings, with the fee where one is due; an IU or OU not yet linked files a
document that links (an Acknowledgment of Service, a Defence, a Notice to Act: CASE-3 (c)),
naming the party it acts for; an originating document starts new proceedings, which the
registry opens as a case when it accepts the filing. The files are checked by content and kept
in the content store by their SHA-256; bad input stores and changes nothing.

The fee: from the organization's deposit account (an OU), debited in the filing's own
transaction, or by card or FPS through the gateway, after which the filing waits for the
gateway's verified event (`fee_settled`). Only a paid filing (or one with no fee due) reaches
the registry's queue.

Locks are taken in one order everywhere: the filing's payments, then the filing, then the
deposit account, so that a gateway event, a withdrawal and a decision arriving together wait
for each other instead of deadlocking."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from cases.models import Case, CaseParty, PartyType
from cases.selectors.access import visible_links
from cases.selectors.routing import case_message_recipients
from cases.services.linking import case_link_on_accepted_filing
from cases.services.registry import case_create
from core.errors import DomainError, NotFound, ValidationFailed
from core.uploads import atomic_with_files
from documents.models import CaseDocument, DocumentOrigin
from filing.models import FiledBy, FiledDocument, Filing, FilingStatus
from filing.selectors.filings import filing_for
from filing.selectors.policy import (
    DocumentToCheck,
    e_enabled_proceeding_policy,
    filing_check,
)
from filing.storage import content_store
from filing.transitions import FILING_TRANSITIONS
from filing.uploads import upload_checked
from messaging.models import MessageKind
from messaging.services import messages_deliver
from organizations.models import OrganizationType
from payments.gateways.base import GatewayUnavailable
from payments.models import FeePayment, Payment, PaymentPurpose
from payments.services import (
    fee_bearing_locked,
    fee_bearing_settled,
    fee_pay_from_deposit,
    fee_payment_choice,
    fee_payment_start,
    fee_refund_all,
    fee_refund_on_withdrawal,
)
from permissions.roles import Capability, Role, can, require

TITLE_MAX = 200
CASE_TITLE_MAX = 300
PARTY_NAME_MAX = 300
NEW_CASE_PARTIES_MAX = 20
ZERO = Decimal("0.00")
_PAID_TOO_LATE = gettext_lazy(
    "Paid for filing %(reference)s, which was no longer awaiting payment."
)


class NothingToPay(DomainError):
    code = "nothing_to_pay"
    status = 409
    default_message = gettext_lazy("This filing is not awaiting payment.")


class FeeNotStarted(GatewayUnavailable):
    """The filing is saved, awaiting payment, but the gateway could not be reached to start
    paying its fee: nothing is charged, and the filer pays from the filing's page later
    (`filing_pay`). `filing` is the filing kept."""

    def __init__(self, filing: Filing):
        self.filing = filing
        super().__init__(
            _(
                "The payment service cannot be reached now, so nothing has been charged. Your "
                "filing %(reference)s is kept, awaiting payment: pay its fee from its page "
                "when the service is back."
            )
            % {"reference": filing.reference}
        )


@dataclass(frozen=True)
class DocumentToFile:
    """One document of a filing: its type's code in the court's policy, the uploaded PDF and,
    optionally, its title (the type's name otherwise)."""

    document_type: str
    upload: object
    title: str = ""


@dataclass(frozen=True)
class Submitted:
    filing: Filing
    # Where to send the filer to pay by card or FPS; empty when nothing is left to pay.
    payment_url: str = ""


def filing_reference(filing: Filing) -> str:
    """F<year>-<8 digits>: what the filer quotes and the fee's payment names."""
    return f"F{timezone.localtime(filing.created_at).year}-{filing.pk:08d}"


# --- submission ----------------------------------------------------------------------------------


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


MISSING_FILE = gettext_lazy("Choose the PDF file of the document.")


def _problem_errors(problems) -> dict:
    """The pre-filing check's problems as the form's and the API's field errors."""
    errors: dict = {}
    for problem in problems:
        if problem.document is None:
            field = (
                "case_number"
                if problem.code.startswith("case") or problem.code in ("not_a_case_number",)
                else "documents"
            )
        elif problem.code == "document_type_not_allowed":
            field = f"documents-{problem.document}-document_type"
        else:
            field = f"documents-{problem.document}-file"
        errors.setdefault(field, []).append(problem.message)
    return errors


def _clean_titles(documents, kinds, errors: dict) -> list[str]:
    titles = []
    for index, (document, kind) in enumerate(zip(documents, kinds, strict=True)):
        title = _text(document.title) or (kind.name if kind else "")
        if len(title) > TITLE_MAX:
            errors[f"documents-{index}-title"] = [
                _("Enter a title of at most %(n)d characters.") % {"n": TITLE_MAX}
            ]
        titles.append(title)
    return titles


def _check_files(documents, limits, errors: dict) -> list:
    """Each upload checked by content (filing.uploads); the facts of those that pass."""
    return [
        upload_checked(
            document.upload,
            limits,
            errors,
            field=f"documents-{index}-file",
            missing=MISSING_FILE,
        )
        for index, document in enumerate(documents)
    ]


def _party_for(actor, case: Case, party_id, party_type, party_position, kinds, errors):
    """Whom the filer files for: its linked party (one of them, if several), or, for a filer not
    yet linked, the party named by type and position, which only a document that links may
    be filed for (CASE-3 (c))."""
    links = list(visible_links(actor).filter(case=case).select_related("party"))
    if links:
        parties = {link.party_id: link.party for link in links}
        if party_id in (None, "") and len(parties) == 1:
            party = next(iter(parties.values()))
        else:
            try:
                party = parties.get(int(party_id))
            except (TypeError, ValueError):
                party = None
        if party is None:
            errors["party"] = [_("Choose the party you file for.")]
            return None, "", 1
        represented = {link.party_id for link in links if not link.is_counsel}
        if party.pk not in represented:
            _refuse_what_counsel_does_not_file(kinds, errors)
        return party, "", 1
    if _barristers_account(actor):
        errors["case_number"] = [str(COUNSEL_ONLY_WHEN_INSTRUCTED)]
        return None, "", 1
    if not any(kind and kind.linking_role for kind in kinds):
        errors["case_number"] = [
            _(
                "You are not linked to this case. Until you are, you can file only a document "
                "that links you to it: an Acknowledgment of Service, a Defence (and "
                "Counterclaim) or a Notice to Act."
            )
        ]
        return None, "", 1
    if party_type not in PartyType.values:
        errors["party_type"] = [_("Choose the party you act for.")]
    try:
        position = int(party_position or 1)
    except (TypeError, ValueError):
        position = 0
    if not 1 <= position <= 99:
        errors["party_position"] = [_("Give the party's number, from 1 to 99 (1st, 2nd...).")]
    return None, party_type, position


# [A12]: a barrister conducts no litigation of its own: it files as counsel, once briefed.
COUNSEL_ONLY_WHEN_INSTRUCTED = gettext_lazy(
    "As counsel you file only in a case whose party's solicitors instructed you; they start "
    "proceedings and file what links a party to a case."
)


def _barristers_account(actor) -> bool:
    organization = getattr(actor, "organization", None)
    return (
        organization is not None
        and organization.organization_type == OrganizationType.BAR_ASSOCIATION
    )


def _refuse_what_counsel_does_not_file(kinds, errors: dict) -> None:
    """[A12]: counsel files the written submissions the court directs (the types the registry
    marks `counsel_may_file`); the party's solicitors file everything else."""
    for kind in kinds:
        if kind is not None and not kind.counsel_may_file:
            errors.setdefault("documents", []).append(
                _(
                    "As counsel you file written submissions, skeleton arguments and lists of "
                    "authorities; the party's solicitors file the %(document)s."
                )
                % {"document": kind.name}
            )


def _clean_new_case_parties(parties, errors: dict) -> list[dict]:
    """The parties of new proceedings: at least the filer's own (the first) and one more."""
    cleaned, seen = [], set()
    if not isinstance(parties, list | tuple):
        parties = []
    for index, party in enumerate(parties[: NEW_CASE_PARTIES_MAX + 1]):
        if not isinstance(party, dict):
            errors[f"parties-{index}-name"] = [_("Give the party's type and name.")]
            continue
        party_type = party.get("party_type")
        name = _text(party.get("name"))
        if not party_type and not name:
            continue
        try:
            position = int(party.get("position") or 1)
        except (TypeError, ValueError, OverflowError):  # OverflowError: 1e400 in JSON
            position = 0
        known_type = party_type in PartyType.values  # not a list or an object, which is no key
        if not known_type:
            errors[f"parties-{index}-party_type"] = [_("Choose the party's type.")]
        if not name:
            errors[f"parties-{index}-name"] = [_("Enter the party's name.")]
        elif len(name) > PARTY_NAME_MAX:
            errors[f"parties-{index}-name"] = [
                _("A name has at most %(n)d characters.") % {"n": PARTY_NAME_MAX}
            ]
        if not 1 <= position <= 99:
            errors[f"parties-{index}-position"] = [
                _("Give the party's number, from 1 to 99 (1st, 2nd...).")
            ]
        elif known_type and (party_type, position) in seen:
            errors[f"parties-{index}-position"] = [
                _("Two parties have this type and number. Number them 1, 2, 3...")
            ]
        if known_type:
            seen.add((party_type, position))
        cleaned.append({"party_type": party_type, "position": position, "name": name})
    if len(cleaned) < 2:
        errors.setdefault(
            "parties",
            [_("Give your own party first, and at least one other party of the proceedings.")],
        )
    elif len(cleaned) > NEW_CASE_PARTIES_MAX:
        errors["parties"] = [_("Give at most %(n)d parties.") % {"n": NEW_CASE_PARTIES_MAX}]
    return cleaned


def _as_documents(documents) -> list[DocumentToFile]:
    return [d if isinstance(d, DocumentToFile) else DocumentToFile(**d) for d in (documents or [])]


@dataclass(frozen=True)
class _FilingRead:
    """What `filing_submit` read of a filing before it decides: the proceeding type's policy,
    each document's type and checked file; the case and party filed in, or the new
    proceedings' title and parties."""

    policy: object
    kinds: list
    facts: list
    party_type: str
    party_position: int
    case: Case | None
    party: CaseParty | None
    title: str
    new_parties: list


def _new_proceedings_read(actor, documents, proceeding_type, title, parties, errors):
    """New proceedings: an originating document in a proceeding type e-enabled today, with
    the proceedings' title and parties (the filer's own first). Problems go into `errors`;
    without a policy to read the files against, refused at once."""
    try:
        policy_of = e_enabled_proceeding_policy(proceeding_type)
    except ValidationFailed as exc:
        # The title and the parties are still read, so that every problem shows at once.
        policy_of = None
        errors.update(exc.errors)
    else:
        limits = policy_of.limits
        kinds = [policy_of.document_type(d.document_type) for d in documents]
        _refuse_counts_and_types(documents, kinds, limits, policy_of, errors)
        if kinds and not any(kind and kind.is_originating for kind in kinds):
            errors.setdefault("documents", []).append(
                _("New proceedings start with an originating document (e.g. a writ of summons).")
            )
    title = _text(title)
    if not title:
        errors["title"] = [_("Enter the title of the proceedings, e.g. CHAN Tai Man v. LEE.")]
    elif len(title) > CASE_TITLE_MAX:
        errors["title"] = [_("Enter a title of at most %(n)d characters.") % {"n": CASE_TITLE_MAX}]
    new_parties = _clean_new_case_parties(parties, errors)
    if _barristers_account(actor):
        errors.setdefault("documents", []).append(str(COUNSEL_ONLY_WHEN_INSTRUCTED))
    if policy_of is None:
        raise ValidationFailed(errors)
    return _FilingRead(
        policy=policy_of,
        kinds=kinds,
        facts=_check_files(documents, limits, errors),
        party_type=new_parties[0]["party_type"] if new_parties else "",
        party_position=new_parties[0]["position"] if new_parties else 1,
        case=None,
        party=None,
        title=title,
        new_parties=new_parties,
    )


def _filing_in_case_read(
    actor, documents, case_number, party_id, party_type, party_position, errors
):
    """Documents for a case already open, read by the pre-filing check (`filing_check`), for
    the party the filer acts for. Problems go into `errors`; without the case or its policy,
    refused at once."""
    check = filing_check(
        actor=actor,
        case_number=case_number,
        documents=[DocumentToCheck(d.document_type, upload=d.upload) for d in documents],
    )
    errors.update(_problem_errors(check.problems))
    if check.case_number is None or "case_number" in errors and check.policy is None:
        raise ValidationFailed(errors)
    # The case and its policy as the check read them: read once.
    case, policy_of = check.case, check.policy
    kinds = [policy_of.document_type(d.document_type) for d in documents]
    if any(kind and kind.is_originating for kind in kinds):
        errors.setdefault("documents", []).append(
            _("An originating document starts new proceedings: file it without a case number.")
        )
    party, party_type, party_position = _party_for(
        actor, case, party_id, party_type, party_position, kinds, errors
    )
    # The check may judge a document by its declared size alone; a filing needs the file.
    for index, document in enumerate(documents):
        if document.upload is None:
            errors.setdefault(f"documents-{index}-file", []).append(MISSING_FILE)
    return _FilingRead(
        policy=policy_of,
        kinds=kinds,
        facts=check.files,
        party_type=party_type,
        party_position=party_position,
        case=case,
        party=party,
        title="",
        new_parties=[],
    )


def filing_submit(
    *,
    actor,
    documents,
    case_number: str = "",
    party_id=None,
    party_type: str = "",
    party_position=1,
    proceeding_type: str = "",
    title: str = "",
    parties=None,
    pay_by: str = "",
    language: str = "en",
) -> Submitted:
    """SVC-1: file `documents` (DocumentToFile) in the case `case_number`, or, without a case
    number, start new proceedings of `proceeding_type` (an originating document, with the
    proceedings' `title` and `parties`, the filer's own first). Every problem is found before
    anything is stored (ValidationFailed with each field's errors). Paid from the deposit
    account, the filing reaches the registry's queue at once, or nothing happens at all
    (InsufficientBalance); by card or FPS it waits for the gateway, where `payment_url` leads
    (FeeNotStarted, the filing kept, when the gateway cannot be reached)."""
    require(actor, Capability.FILE_DOCUMENTS)
    documents = _as_documents(documents)
    originating = not (case_number or "").strip()
    errors: dict = {}
    if originating:
        read = _new_proceedings_read(actor, documents, proceeding_type, title, parties, errors)
    else:
        read = _filing_in_case_read(
            actor, documents, case_number, party_id, party_type, party_position, errors
        )
    policy_of, kinds, facts = read.policy, read.kinds, read.facts
    case, party, title, new_parties = read.case, read.party, read.title, read.new_parties
    party_type, party_position = read.party_type, read.party_position
    _refuse_the_other_sides_documents(kinds, party.party_type if party else party_type, errors)
    titles = _clean_titles(documents, kinds, errors)
    fee = sum((kind.fee for kind in kinds if kind), ZERO)
    how = fee_payment_choice(actor, fee, pay_by, errors)
    if errors:
        raise ValidationFailed(errors)
    with atomic_with_files() as written:
        filing = Filing.objects.create(
            account=actor,
            organization_id=actor.organization_id if actor.role == Role.OU else None,
            proceeding_type=policy_of.proceeding_type,
            case=case,
            party=party,
            party_type=party.party_type if party else party_type,
            party_position=party.position if party else party_position,
            originating=originating,
            title=title,
            new_case_parties=new_parties,
            fee=fee,
            fee_payment=how,
        )
        filing.reference = filing_reference(filing)
        filing.save(update_fields=["reference"])
        audit_record(
            actor=actor,
            action="filing.created",
            obj=filing,
            after={
                "reference": filing.reference,
                "case": case.number if case else None,
                "proceeding_type": policy_of.proceeding_type.code,
                "originating": originating,
                "documents": [
                    f"{kind.code}:{found.sha256}" for kind, found in zip(kinds, facts, strict=True)
                ],
                "fee": str(fee),
                "fee_payment": how,
            },
        )
        if how == FeePayment.DEPOSIT:
            # The fee before the files: a filing refused for want of money must write no file.
            # The store keeps one file per content, so a file a refused filing wrote and its
            # rollback removed may be the very file that a parallel filing of the same bytes,
            # which found it already stored, commits a reference to.
            fee_pay_from_deposit(
                actor=actor,
                purpose=PaymentPurpose.FILING_FEE,
                reference=filing.reference,
                amount=fee,
            )
        store = content_store()
        for position, (document, kind, found, document_title) in enumerate(
            zip(documents, kinds, facts, titles, strict=True), start=1
        ):
            FiledDocument.objects.create(
                filing=filing,
                position=position,
                document_type=kind,
                title=document_title,
                file_name=(found.name or f"{kind.code}.pdf")[:200],
                sha256=store.save(document.upload, written),
                size=found.size,
                page_count=found.pages,
                fee=kind.fee,
            )
        if how != FeePayment.GATEWAY:
            FILING_TRANSITIONS.apply(filing, "submit", actor=actor, submitted_at=timezone.now())
    if how == FeePayment.GATEWAY:
        try:
            return Submitted(filing, _payment_started(actor, filing, language))
        except GatewayUnavailable:
            raise FeeNotStarted(filing) from None
    return Submitted(filing)


def _refuse_the_other_sides_documents(kinds, party_type: str, errors: dict) -> None:
    """A document type the filer's party does not file: a Defence for a plaintiff, a Reply for
    a defendant (the type's `filed_by`, set by the registry)."""
    if party_type not in PartyType.values:
        return  # refused already: no party named
    for index, kind in enumerate(kinds):
        if kind is None or kind.may_be_filed_for(party_type):
            continue
        if kind.filed_by == FiledBy.CLAIMING:
            message = _(
                "%(document)s is filed by the claiming side (plaintiff, applicant); you file "
                "for the %(party)s."
            )
        else:
            message = _(
                "%(document)s is filed by the responding side (defendant, respondent, third "
                "party); you file for the %(party)s."
            )
        errors.setdefault(f"documents-{index}-document_type", []).append(
            message % {"document": kind.name, "party": PartyType(party_type).label}
        )


def _refuse_counts_and_types(documents, kinds, limits, policy_of, errors: dict) -> None:
    if not documents:
        errors["documents"] = [_("Name at least one document to file.")]
    elif len(documents) > limits.max_files:
        errors["documents"] = [
            _("A filing has at most %(n)d files; this one has %(count)d.")
            % {"n": limits.max_files, "count": len(documents)}
        ]
    for index, (document, kind) in enumerate(zip(documents, kinds, strict=True)):
        if kind is None and not _text(document.document_type):
            errors[f"documents-{index}-document_type"] = [_("Choose the document type.")]
        elif kind is None:
            errors[f"documents-{index}-document_type"] = [
                _("%(code)s is not a document type that may be filed in %(proceeding)s.")
                % {
                    "code": _text(document.document_type).upper(),
                    "proceeding": policy_of.proceeding_type.code,
                }
            ]


def _payment_started(actor, filing: Filing, language: str) -> str:
    """Start a card or FPS payment of the filing's fee; the gateway's page. If the gateway
    cannot be reached the filing waits (its page offers to pay again) and the error rises."""
    return fee_payment_start(
        actor=actor,
        purpose=PaymentPurpose.FILING_FEE,
        reference=filing.reference,
        amount=filing.fee,
        language=language,
    )


def filing_pay(*, actor, filing_id, language: str = "en") -> str:
    """Pay again, by card or FPS, the fee of a filing still awaiting payment (the gateway
    failed, or the filer left its page): the address of the gateway's page. Should two payments
    both succeed, the second is refunded at once (`fee_settled`)."""
    filing = filing_for(actor=actor, filing_id=filing_id)
    if not can(actor, Capability.FILE_DOCUMENTS, filing):
        raise NotFound()
    if filing.status != FilingStatus.AWAITING_PAYMENT or filing.fee == ZERO:
        raise NothingToPay()
    return _payment_started(actor, filing, language)


def fee_settled(payment: Payment) -> None:
    """The gateway settled a filing fee (payments.purposes; inside its transaction, the payment
    locked). Paid: the filing reaches the registry's queue; paid for a filing no longer awaiting
    payment (withdrawn meanwhile, or paid twice): the money goes back at once. Not paid: the
    filing waits; its page says so and offers to pay again."""
    fee_bearing_settled(
        payment, model=Filing, transitions=FILING_TRANSITIONS, paid_too_late=_PAID_TOO_LATE
    )


# --- withdrawal and the registry's decision ----------------------------------------------------


def _locked(actor, filing_id) -> Filing:
    """The filing, if `actor` may see it (NotFound otherwise, as for none), locked after its
    payments (the order of locks of this module)."""
    return fee_bearing_locked(
        filing_for(actor=actor, filing_id=filing_id),
        purpose=PaymentPurpose.FILING_FEE,
        related=("account", "case"),
    )


def filing_withdraw(*, actor, filing_id) -> Filing:
    """The filer withdraws its filing before the registry decides; a paid fee goes back at
    once (to the deposit account, or recorded for the card or FPS refund)."""
    require(actor, Capability.FILE_DOCUMENTS)
    with transaction.atomic():
        filing = _locked(actor, filing_id)
        if not can(actor, Capability.FILE_DOCUMENTS, filing):
            raise NotFound()
        FILING_TRANSITIONS.apply(filing, "withdraw", actor=actor, decided_at=timezone.now())
        fee_refund_on_withdrawal(
            actor=actor,
            purpose=PaymentPurpose.FILING_FEE,
            reference=filing.reference,
            reasons=_("Filing %(reference)s withdrawn before the registry's review.")
            % {"reference": filing.reference},
        )
    return filing


def filing_reject(*, actor, filing_id, reasons: str) -> Filing:
    """A registry clerk rejects a filing with reasons, which the filer reads in its Message
    Box; its fee is refunded in the same transaction."""
    text = FILING_TRANSITIONS.reasons("reject", reasons)
    require(actor, Capability.REVIEW_FILINGS)
    with transaction.atomic():
        filing = _locked(actor, filing_id)
        FILING_TRANSITIONS.apply(
            filing, "reject", actor=actor, reasons=text, decided_at=timezone.now(), decided_by=actor
        )
        fee_refund_all(
            actor=actor, purpose=PaymentPurpose.FILING_FEE, reference=filing.reference, reasons=text
        )
        _tell_the_filer(filing, actor, accepted=False)
    return filing


def _party_of(filing: Filing, case: Case) -> CaseParty:
    party = CaseParty.objects.filter(
        case=case, party_type=filing.party_type, position=filing.party_position
    ).first()
    if party is None:
        raise ValidationFailed(
            {
                "party": [
                    _(
                        "%(number)s has no %(party)s %(position)d: add the party to the case "
                        "first, or reject the filing."
                    )
                    % {
                        "number": case.number,
                        "party": PartyType(filing.party_type).label,
                        "position": filing.party_position,
                    }
                ]
            }
        )
    return party


def filing_accept(*, actor, filing_id, case_number: str = "") -> Filing:
    """A registry clerk accepts a filing: its documents join the case file, dated when the
    filing was submitted; an originating filing first opens its case under `case_number`
    (the registry's number, e.g. DCPI 1234/2026) with the parties the filer named; a document
    that links links the filer (CASE-3 (c)); the case's recipients (CASE-4) and the filer are
    told in their Message Boxes. All of it or nothing."""
    require(actor, Capability.REVIEW_FILINGS)
    with transaction.atomic():
        filing = _locked(actor, filing_id)
        FILING_TRANSITIONS.check(filing, "accept", actor=actor)
        if filing.originating:
            number = (case_number or "").strip()
            if not number:
                raise ValidationFailed(
                    {"case_number": [_("Give the number of the new case, e.g. DCPI 1234/2026.")]}
                )
            try:
                case = case_create(
                    actor=actor, number=number, title=filing.title, parties=filing.new_case_parties
                )
            except ValidationFailed as refused:
                # The registry's review names the new case's number "case_number" (a taken or
                # malformed number), as the acceptance's own input does.
                raise ValidationFailed(
                    {
                        "case_number" if key == "number" else key: messages
                        for key, messages in refused.errors.items()
                    }
                ) from None
            if case.proceeding_type_id != filing.proceeding_type_id:
                raise ValidationFailed(
                    {
                        "case_number": [
                            _("The number of the new case begins with %(code)s.")
                            % {"code": filing.proceeding_type.code}
                        ]
                    }
                )
        else:
            case = filing.case
        party = filing.party or _party_of(filing, case)
        documents = list(filing.documents.select_related("document_type").order_by("position"))
        linking = next(
            (d.document_type.linking_role for d in documents if d.document_type.linking_role), ""
        )
        if linking:
            case_link_on_accepted_filing(
                actor=actor,
                case_id=case.pk,
                party_id=party.pk,
                filer=filing.account,
                document_type=linking,
            )
        store = content_store()
        for document in documents:
            case_document = CaseDocument(
                case=case,
                origin=DocumentOrigin.FILED,
                kind=document.document_type.code,
                title=document.title,
                sha256=document.sha256,
                size=document.size,
                page_count=document.page_count,
                dated_at=filing.submitted_at,
                added_by=filing.account,
            )
            # The case file points at the stored bytes: no copy (docs/decisions.md).
            case_document.file.name = store.name_for(document.sha256)
            case_document.save()
            document.case_document = case_document
            document.save(update_fields=["case_document"])
        FILING_TRANSITIONS.apply(
            filing,
            "accept",
            actor=actor,
            case=case,
            party=party,
            decided_at=timezone.now(),
            decided_by=actor,
        )
        _tell_the_parties(filing, case, documents, actor)
        _tell_the_filer(filing, actor, accepted=True)
    return filing


# --- messages -------------------------------------------------------------------------------------


def _by_language(recipients):
    groups = defaultdict(list)
    for recipient in recipients:
        groups[recipient.preferred_language or settings.LANGUAGE_CODE].append(recipient)
    return sorted(groups.items())


def _local(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _tell_the_parties(filing: Filing, case: Case, documents, actor) -> None:
    """MSG-1, CASE-4: the case's recipients learn what was filed (the filer hears of its own
    filing separately)."""
    recipients = [r for r in case_message_recipients(case.pk) if r.pk != filing.account_id]
    for language, group in _by_language(recipients):
        with translation.override(language):
            subject = _("Documents filed in %(number)s") % {"number": case.number}
            lines = [
                _("The registry accepted documents filed in %(number)s on %(when)s:")
                % {"number": case.number, "when": _local(filing.submitted_at)},
                *(f"- {document.title}" for document in documents),
                _("They are in the case's documents."),
            ]
        messages_deliver(
            recipients=group,
            kind=MessageKind.DOCUMENT,
            subject=subject,
            body="\n".join(lines),
            case=case,
            sent_by=actor,
        )


def _tell_the_filer(filing: Filing, actor, *, accepted: bool) -> None:
    filer = filing.account
    if not filer.is_active:
        return
    values = {"reference": filing.reference, "case": filing.case_label}
    with translation.override(filer.preferred_language or settings.LANGUAGE_CODE):
        if accepted:
            subject = _("Filing %(reference)s accepted") % values
            body = (
                _(
                    "The registry accepted your filing %(reference)s in %(case)s. Its documents "
                    "are in the case's documents."
                )
                % values
            )
        else:
            subject = _("Filing %(reference)s rejected") % values
            body = "\n\n".join(
                [
                    _(
                        "The registry rejected your filing %(reference)s (%(case)s), for these "
                        "reasons:"
                    )
                    % values,
                    filing.reasons,
                    _("Any fee paid for it is refunded."),
                ]
            )
    messages_deliver(
        recipients=[filer],
        kind=MessageKind.DOCUMENT if filing.case_id else MessageKind.NOTICE,
        subject=subject,
        body=body,
        case=filing.case if filing.case_id else None,
        sent_by=actor,
    )
