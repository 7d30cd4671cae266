"""Writes on registration applications: submission, vetting, identity authentication, expiry.

Every change of status goes through `_move`, which checks TRANSITIONS and writes the audit
record in the same transaction."""

import uuid
from contextlib import contextmanager
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.identity import normalize_id_document_number
from accounts.models import LIVE_STATUSES, IdentityDocumentType, User
from accounts.roles import Capability, Role, require
from accounts.services import account_open
from audit.services import APPLICANT, SYSTEM, audit_record
from core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from core.workdays import add_working_days, local_today
from notifications.services import email_send
from registration import validation
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
    IdentityAuthentication,
    InformationRequest,
    ProposedCase,
    RejectionKind,
    SupportingDocument,
)

VETTING_WORKING_DAYS = 3  # REG-8
AUTHENTICATION_CALENDAR_DAYS = 30  # IDA-1, IDA-3


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
        validation.check_received_on(received_on, errors)
    p = validation.clean_particulars(particulars, errors)
    clean_cases = validation.clean_cases(cases, prospective_litigant, p["eligibility"], errors)
    clean_docs = validation.clean_documents(documents, errors)
    supplied = {kind for kind, _upload, _facts in clean_docs}
    for kind in validation.required_documents(prospective=prospective_litigant, channel=channel):
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
    clean_docs = validation.clean_documents(
        [(DocumentKind.SUPPLEMENTARY, d) for d in documents], errors
    )
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
