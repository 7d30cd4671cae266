"""Writes on registration applications: submission, vetting, identity authentication, expiry.

Every change of status goes through `_move`, which checks TRANSITIONS and writes the audit
record in the same transaction."""

import re
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import EmailValidator
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.identity import hkid_is_valid, normalize_id_document_number
from accounts.models import LIVE_STATUSES, IdentityDocumentType, Language, User
from accounts.roles import Capability, Role, require
from accounts.services import account_open
from audit.services import APPLICANT, SYSTEM, audit_record
from core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from core.uploads import inspect_upload
from core.workdays import add_working_days, local_today
from notifications.services import email_send
from registration.access import access_token_make
from registration.models import (
    PENDING_STATUSES,
    TRANSITIONS,
    Application,
    ApplicationStatus,
    AuthenticationMode,
    Channel,
    Counter,
    DocumentKind,
    Eligibility,
    IdentityAuthentication,
    InformationRequest,
    PartyType,
    ProposedCase,
    RejectionKind,
    SupportingDocument,
)

VETTING_WORKING_DAYS = 3  # REG-8
AUTHENTICATION_CALENDAR_DAYS = 30  # IDA-1, IDA-3
MAX_CASES = 10  # as many as the application form has rows for

CASE_NUMBER_RE = re.compile(r"^[A-Z]{2,6} \d{1,6}/\d{4}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{8,25}$")


class DuplicateIdentityDocument(DomainError):
    code = "duplicate_identity_document"
    status = 409
    default_message = _(
        "An Individual User account, or an application for one, already exists for this "
        "identification document. Each person may hold only one IU account."
    )


class IdentityDocumentMismatch(DomainError):
    code = "identity_document_mismatch"
    default_message = _(
        "The identification document presented is not the one given in the application."
    )


# --- reading what the applicant sent -------------------------------------------------------


def _clean_particulars(data: dict, errors: dict) -> dict:
    def text(name, label, max_length=100):
        value = (data.get(name) or "").strip()
        if not value:
            errors.setdefault(name, []).append(_("Enter %(field)s.") % {"field": label})
        elif len(value) > max_length:
            errors.setdefault(name, []).append(
                _("%(field)s must be at most %(n)d characters.")
                % {"field": capfirst(label), "n": max_length}
            )
        return value

    p = {
        "surname": text("surname", _("your surname")),
        "given_name": text("given_name", _("your given name")),
        "address": text("address", _("your address"), 500),
        "phone": text("phone", _("your telephone number"), 40),
        "email": text("email", _("your email address"), 254).lower(),
        "id_document_type": (data.get("id_document_type") or "").strip(),
        "id_document_number": normalize_id_document_number(data.get("id_document_number") or ""),
        "language": data.get("language") or Language.EN,
        "eligibility": data.get("eligibility") or Eligibility.PARTY,
        "eligibility_reason": (data.get("eligibility_reason") or "").strip(),
    }
    if p["eligibility"] not in Eligibility.values:
        errors.setdefault("eligibility", []).append(_("Choose who you are in the proceedings."))
    elif p["eligibility"] == Eligibility.OTHER and not p["eligibility_reason"]:
        # REG-1: the vetting officer decides on the reason given.
        errors.setdefault("eligibility_reason", []).append(
            _("Explain why you should be registered although you are not a party.")
        )
    elif p["eligibility"] == Eligibility.PARTY:
        p["eligibility_reason"] = ""
    if p["id_document_type"] not in IdentityDocumentType.values:
        errors.setdefault("id_document_type", []).append(
            _("Choose the type of identification document.")
        )
    if not p["id_document_number"]:
        errors.setdefault("id_document_number", []).append(
            _("Enter the identification document number.")
        )
    elif p["id_document_type"] == IdentityDocumentType.HKID and not hkid_is_valid(
        p["id_document_number"]
    ):
        errors.setdefault("id_document_number", []).append(
            _(
                "Enter a valid Hong Kong Identity Card number, e.g. A123456(3), "
                "including the digit in brackets."
            )
        )
    if p["phone"] and (
        not PHONE_RE.match(p["phone"]) or sum(ch.isdigit() for ch in p["phone"]) < 8
    ):
        errors.setdefault("phone", []).append(
            _("Enter a telephone number of at least 8 digits, e.g. (852) 2477-1002.")
        )
    if p["email"]:
        try:
            EmailValidator()(p["email"])
        except Exception:
            errors.setdefault("email", []).append(_("Enter a valid email address."))
    if p["language"] not in Language.values:
        p["language"] = Language.EN
    return p


def _text_or_none(value) -> str | None:
    """A value sent as text, stripped; "" when absent; None when it is not text at all."""
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else None


def _clean_cases(
    cases: list[dict], prospective: bool, eligibility: str, errors: dict
) -> list[dict]:
    """Rows are numbered as sent, so that an error lands on the row it is about; empty rows
    are skipped."""
    if not isinstance(cases, list | tuple):
        errors.setdefault("cases", []).append(_("Give the cases as a list."))
        return []
    cleaned = []
    for index, case in enumerate(cases):
        if not isinstance(case, dict):
            errors.setdefault(f"cases-{index}-case_number", []).append(
                _("Enter a case number such as DCPI 1234/2025.")
            )
            continue
        number = _text_or_none(case.get("case_number"))
        party_type = _text_or_none(case.get("party_type"))
        if number == "" and party_type == "":
            continue
        number = " ".join(number.upper().split()) if number is not None else ""
        if not CASE_NUMBER_RE.match(number):
            errors.setdefault(f"cases-{index}-case_number", []).append(
                _("Enter a case number such as DCPI 1234/2025.")
            )
        if party_type not in PartyType.values:
            errors.setdefault(f"cases-{index}-party_type", []).append(
                _("Choose your party type in this case.")
            )
        elif eligibility == Eligibility.OTHER and party_type != PartyType.NOT_A_PARTY:
            # REG-1: a person who is not a party says so in each case listed.
            errors.setdefault(f"cases-{index}-party_type", []).append(
                _(
                    "You are applying as another person with good reason: choose the party "
                    "type “%(not_a_party)s”."
                )
                % {"not_a_party": PartyType.NOT_A_PARTY.label}
            )
        elif eligibility != Eligibility.OTHER and party_type == PartyType.NOT_A_PARTY:
            errors.setdefault(f"cases-{index}-party_type", []).append(
                _(
                    "A party acting in person chooses the party type in this case. If you are "
                    "not a party, apply as another person with good reason and give the reason."
                )
            )
        cleaned.append({"case_number": number, "party_type": party_type or ""})
    if len(cleaned) > MAX_CASES:
        errors.setdefault("cases", []).append(_("List at most %(n)d cases.") % {"n": MAX_CASES})
    if not cleaned and not prospective:
        errors.setdefault("cases", []).append(
            _(
                "List at least one court case and your party type in it, or apply as a "
                "prospective litigant with a draft originating document."
            )
        )
    if cleaned and prospective:
        errors.setdefault("cases", []).append(
            _("A prospective litigant has no case yet: leave the case list empty.")
        )
    return cleaned


def _clean_documents(
    documents: list[tuple[str, object]], errors: dict
) -> list[tuple[str, object, dict]]:
    cleaned = []
    for kind, upload in documents:
        if kind not in DocumentKind.values:
            errors.setdefault("documents", []).append(_("Unknown kind of document."))
            continue
        facts, problem = inspect_upload(upload)
        if problem:
            errors.setdefault(f"documents-{kind}", []).append(problem)
        else:
            cleaned.append((kind, upload, facts))
    return cleaned


def _check_received_on(received_on, errors: dict) -> None:
    """GEN-6: a paper application carries the date the court received it."""
    if not isinstance(received_on, date) or isinstance(received_on, datetime):
        errors.setdefault("received_on", []).append(
            _("Enter the date the court received the application.")
        )
    elif received_on > local_today():
        errors.setdefault("received_on", []).append(_("The date received cannot be in the future."))


def _required_documents(*, prospective: bool, channel: str) -> list[str]:
    # REG-4 for IU: proof of involvement, or for a prospective litigant a draft originating
    # document (REG-3); GEN-6: a paper application carries its scanned form.
    required = [
        DocumentKind.DRAFT_ORIGINATING_DOCUMENT
        if prospective
        else DocumentKind.PROOF_OF_INVOLVEMENT
    ]
    if channel != Channel.ONLINE:
        required.append(DocumentKind.SCANNED_APPLICATION_FORM)
    return required


def _lock_identity_document(doc_type: str, number: str) -> None:
    """Serialize REG-5 checks for one identity document. SQLite already serializes writers
    (transactions start IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"iu-id:{doc_type}:{number}"]
            )


def identity_document_in_use(doc_type: str, number: str) -> bool:
    return (
        User.objects.filter(
            role=Role.IU,
            id_document_type=doc_type,
            id_document_number=number,
            status__in=LIVE_STATUSES,
        ).exists()
        or Application.objects.filter(
            application_type="IU",
            id_document_type=doc_type,
            id_document_number=number,
            status__in=PENDING_STATUSES,
        ).exists()
    )


def email_already_registered(email: str) -> bool:
    """REG-6: a warning, never a refusal."""
    return User.objects.filter(email__iexact=email).exists()


@contextmanager
def _atomic_with_files():
    """transaction.atomic() for a block that stores uploaded files. The block adds each file it
    writes to the list it is given; unless the transaction commits, the files are deleted again
    (a rollback forgets the rows, but the storage keeps what was written to it). Inside an
    enclosing transaction, only a failure of this block is seen, not a later rollback."""
    written: list = []
    committed = False

    def mark_committed():
        nonlocal committed
        committed = True

    try:
        with transaction.atomic():
            transaction.on_commit(mark_committed)  # runs before the callbacks added later
            yield written
    except BaseException:
        if not committed:
            for storage, name in written:
                storage.delete(name)
        raise


def _store_documents(application, documents, written: list) -> None:
    for kind, upload, facts in documents:
        doc = SupportingDocument(application=application, kind=kind, **facts)
        doc.file.save(upload.name, upload, save=False)
        written.append((doc.file.storage, doc.file.name))
        doc.save()


# --- the transitions -------------------------------------------------------------------------


def _move(
    application: Application,
    to_status: str,
    *,
    actor,
    action: str,
    actor_label: str | None = None,
    **changes,
) -> None:
    if to_status not in TRANSITIONS[application.status]:
        raise InvalidTransition()
    before = {"status": application.status}
    application.status = to_status
    for name, value in changes.items():
        setattr(application, name, value)
    application.save()
    after = {"status": to_status, **{k: str(v) for k, v in changes.items()}}
    audit_record(
        actor=actor,
        action=action,
        obj=application,
        before=before,
        after=after,
        actor_label=actor_label,
    )


def _locked(application_id: int) -> Application:
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    return application


def application_access_token(application: Application) -> str:
    return access_token_make(application.pk)


def application_status_url(application: Application) -> str:
    from django.conf import settings

    # The page in the applicant's language, whoever's request sends the email (NFR-1).
    with translation.override(application.language):
        path = reverse(
            "registration:status", kwargs={"token": application_access_token(application)}
        )
    return settings.SITE_URL + path


def _notify(application: Application, template: str, **context) -> None:
    email_send(
        to=application.email,
        template=template,
        language=application.language,
        context={
            "name": application.full_name,
            "reference": application.reference,
            "status_url": application_status_url(application),
            **context,
        },
    )


def application_submit(
    *,
    particulars: dict,
    cases: list[dict],
    documents: list[tuple[str, object]],
    prospective_litigant: bool = False,
    channel: str = Channel.ONLINE,
    received_on: date | None = None,
    actor=None,
) -> Application:
    """REG-2..6, GEN-4, GEN-6. Online by the applicant, or keyed in from paper by the
    Help Centre (actor), who gives the date the court received it (`received_on`); vetting
    is due 3 working days after that date (REG-8). Saves nothing unless everything is in
    order."""
    if channel != Channel.ONLINE:
        require(actor, Capability.KEY_IN_PAPER_APPLICATION)
    if channel not in Channel.values:
        raise ValidationFailed({"channel": [_("Choose how the application was received.")]})
    errors: dict = {}
    if channel != Channel.ONLINE:
        _check_received_on(received_on, errors)
    p = _clean_particulars(particulars, errors)
    clean_cases = _clean_cases(cases, prospective_litigant, p["eligibility"], errors)
    clean_docs = _clean_documents(documents, errors)
    supplied = {kind for kind, _upload, _facts in clean_docs}
    for kind in _required_documents(prospective=prospective_litigant, channel=channel):
        if kind not in supplied and f"documents-{kind}" not in errors:
            errors.setdefault(f"documents-{kind}", []).append(
                _("Attach: %(kind)s.") % {"kind": DocumentKind(kind).label}
            )
    if errors:
        raise ValidationFailed(errors)

    with _atomic_with_files() as written_files:
        _lock_identity_document(p["id_document_type"], p["id_document_number"])
        if identity_document_in_use(p["id_document_type"], p["id_document_number"]):
            raise DuplicateIdentityDocument(field="id_document_number")
        now = timezone.now()
        if channel == Channel.ONLINE:
            received_on = timezone.localdate(now)
        application = Application.objects.create(
            reference=f"TMP{uuid.uuid4().hex[:16]}",
            channel=channel,
            keyed_in_by=actor if channel != Channel.ONLINE else None,
            prospective_litigant=prospective_litigant,
            email_already_registered=email_already_registered(p["email"]),
            submitted_at=now,
            received_on=received_on,
            due_date=add_working_days(received_on, VETTING_WORKING_DAYS),
            **p,
        )
        application.reference = f"IU{timezone.localdate(now):%Y}{application.pk:06d}"
        application.save(update_fields=["reference"])
        ProposedCase.objects.bulk_create(
            ProposedCase(application=application, **c) for c in clean_cases
        )
        _store_documents(application, clean_docs, written_files)
        audit_record(
            actor=actor,
            action="application.submitted",
            obj=application,
            after={"status": application.status, "channel": channel},
            actor_label=APPLICANT,
        )
        _notify(application, "application_received", due_date=application.due_date)
    return application


def application_request_information(*, actor, application_id: int, message: str) -> Application:
    require(actor, Capability.VET_APPLICATIONS)
    message = (message or "").strip()
    if not message:
        raise ValidationFailed({"message": [_("Say what information is needed.")]})
    with transaction.atomic():
        application = _locked(application_id)
        InformationRequest.objects.create(
            application=application,
            requested_by=actor,
            requested_at=timezone.now(),
            message=message,
        )
        _move(
            application,
            ApplicationStatus.INFO_REQUESTED,
            actor=actor,
            action="application.information_requested",
        )
        _notify(application, "information_requested", message=message)
    return application


def application_supplement(*, application_id: int, answer: str, documents: list) -> Application:
    """The applicant answers a request for information; the application returns to the
    vetting queue with a new due date of 3 working days."""
    errors: dict = {}
    answer = (answer or "").strip()
    clean_docs = _clean_documents([(DocumentKind.SUPPLEMENTARY, d) for d in documents], errors)
    if not answer and not clean_docs:
        errors.setdefault("answer", []).append(
            _("Give the information requested or attach a document.")
        )
    if errors:
        raise ValidationFailed(errors)
    with _atomic_with_files() as written_files:
        application = _locked(application_id)
        if application.status != ApplicationStatus.INFO_REQUESTED:
            raise InvalidTransition(_("No information has been requested for this application."))
        request = application.information_requests.filter(answered_at=None).last()
        now = timezone.now()
        if request:
            request.answered_at = now
            request.answer = answer
            request.save(update_fields=["answered_at", "answer"])
        _store_documents(application, clean_docs, written_files)
        _move(
            application,
            ApplicationStatus.SUBMITTED,
            actor=None,
            actor_label=APPLICANT,
            action="application.supplemented",
            due_date=add_working_days(timezone.localdate(now), VETTING_WORKING_DAYS),
        )
    return application


def application_mark_in_order(*, actor, application_id: int) -> Application:
    """IDA-1: in order; the applicant has 30 calendar days to authenticate identity."""
    require(actor, Capability.VET_APPLICATIONS)
    with transaction.atomic():
        application = _locked(application_id)
        now = timezone.now()
        _move(
            application,
            ApplicationStatus.AWAITING_AUTHENTICATION,
            actor=actor,
            action="application.marked_in_order",
            in_order_at=now,
            authentication_due=timezone.localdate(now)
            + timedelta(days=AUTHENTICATION_CALENDAR_DAYS),
        )
        _notify(
            application,
            "authenticate_identity",
            authentication_due=application.authentication_due,
            counters=Counter.choices,
        )
    return application


def application_reject(*, actor, application_id: int, reasons: str) -> Application:
    require(actor, Capability.VET_APPLICATIONS)
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationFailed({"reasons": [_("Give the reasons for rejection.")]})
    with transaction.atomic():
        application = _locked(application_id)
        if application.status == ApplicationStatus.AWAITING_AUTHENTICATION:
            raise InvalidTransition(_("This application is already in order."))
        _move(
            application,
            ApplicationStatus.REJECTED,
            actor=actor,
            action="application.rejected",
            decided_at=timezone.now(),
            rejection_kind=RejectionKind.VETTING,
            rejection_reasons=reasons,
        )
        _notify(application, "application_rejected", reasons=reasons)
    return application


def identity_authentication_record(
    *,
    actor,
    application_id: int,
    counter: str,
    mode: str,
    presented_document_type: str,
    presented_document_number: str,
    representative_name: str = "",
    representative_document_type: str = "",
    representative_document_number: str = "",
    authorization_letter_seen: bool = False,
    applicant_document_copy_seen: bool = False,
) -> Application:
    """IDA-2 then IDA-4: record the authentication, open the account, email the login name
    and activation code."""
    require(actor, Capability.RECORD_IDENTITY_AUTHENTICATION)
    errors: dict = {}
    if counter not in Counter.values:
        errors["counter"] = [_("Choose the counter where identity was authenticated.")]
    if mode not in AuthenticationMode.values:
        errors["mode"] = [_("Choose how identity was authenticated.")]
    presented_number = normalize_id_document_number(presented_document_number or "")
    if not presented_number:
        errors["presented_document_number"] = [_("Enter the number of the document presented.")]
    rep_number = normalize_id_document_number(representative_document_number or "")
    if mode == AuthenticationMode.REPRESENTATIVE:
        if not (representative_name or "").strip():
            errors["representative_name"] = [_("Enter the representative's name.")]
        if representative_document_type not in IdentityDocumentType.values or not rep_number:
            errors["representative_document_number"] = [
                _("Record the representative's own identification document.")
            ]
        if not authorization_letter_seen:
            errors["authorization_letter_seen"] = [
                _("A signed letter of authorization is required.")
            ]
        if not applicant_document_copy_seen:
            errors["applicant_document_copy_seen"] = [
                _("A copy of the applicant's identification document is required.")
            ]
    if errors:
        raise ValidationFailed(errors)

    with transaction.atomic():
        application = _locked(application_id)
        if application.status != ApplicationStatus.AWAITING_AUTHENTICATION:
            raise InvalidTransition(_("This application is not awaiting identity authentication."))
        if application.authentication_due < local_today():
            raise InvalidTransition(_("The 30 days to authenticate identity have passed."))
        if (presented_document_type, presented_number) != (
            application.id_document_type,
            application.id_document_number,
        ):
            raise IdentityDocumentMismatch(field="presented_document_number")
        IdentityAuthentication.objects.create(
            application=application,
            counter=counter,
            mode=mode,
            officer=actor,
            recorded_at=timezone.now(),
            presented_document_type=presented_document_type,
            presented_document_number=presented_number,
            representative_name=(representative_name or "").strip(),
            representative_document_type=representative_document_type or "",
            representative_document_number=rep_number,
            authorization_letter_seen=authorization_letter_seen,
            applicant_document_copy_seen=applicant_document_copy_seen,
        )
        _lock_identity_document(application.id_document_type, application.id_document_number)
        # REG-3: a prospective litigant's approval states by when an e-proceeding must be
        # filed; the activation email says it.
        filing_deadline = (
            local_today() + settings.PROSPECTIVE_LITIGANT_FILING_PERIOD
            if application.prospective_litigant
            else None
        )
        user, _code = account_open(
            role=Role.IU,
            actor=actor,
            filing_deadline=filing_deadline,
            particulars={
                "surname": application.surname,
                "given_name": application.given_name,
                "email": application.email,
                "phone": application.phone,
                "address": application.address,
                "id_document_type": application.id_document_type,
                "id_document_number": application.id_document_number,
                "preferred_language": application.language,
            },
        )
        _move(
            application,
            ApplicationStatus.APPROVED,
            actor=actor,
            action="application.identity_authenticated",
            decided_at=timezone.now(),
            account=user,
            **({"filing_deadline": filing_deadline} if filing_deadline else {}),
        )
    return application


def applications_expire_unauthenticated(*, today=None) -> int:
    """IDA-3: applications not authenticated within 30 calendar days are regarded as
    rejected; the applicant is told. Run daily by the scheduler."""
    today = today or local_today()
    expired = 0
    ids = list(
        Application.objects.filter(
            status=ApplicationStatus.AWAITING_AUTHENTICATION, authentication_due__lt=today
        ).values_list("pk", flat=True)
    )
    for application_id in ids:
        with transaction.atomic():
            application = _locked(application_id)
            if application.status != ApplicationStatus.AWAITING_AUTHENTICATION:
                continue
            _move(
                application,
                ApplicationStatus.REJECTED,
                actor=None,
                actor_label=SYSTEM,
                action="application.authentication_expired",
                decided_at=timezone.now(),
                rejection_kind=RejectionKind.NOT_AUTHENTICATED,
            )
            _notify(application, "authentication_expired")
            expired += 1
    return expired
