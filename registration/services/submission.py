"""Applications arrive (REG-2..6, GEN-4, GEN-6) and applicants answer requests for more
information (REG-8)."""

import uuid
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES, User
from audit.services import APPLICANT, audit_record
from core import policy
from core.errors import DomainError, ValidationFailed
from core.workdays import add_working_days
from organizations.models import Organization
from permissions.roles import Capability, Role, require
from registration import validation
from registration.kinds import application_kind
from registration.models import (
    PENDING_STATUSES,
    Application,
    ApplicationType,
    Channel,
    DocumentKind,
    ProposedCase,
)
from registration.services.common import (
    atomic_with_files,
    lock_identity_document,
    locked,
    notify,
    store_documents,
)
from registration.transitions import APPLICATION_TRANSITIONS


class DuplicateOrganizationApplication(DomainError):
    code = "duplicate_organization_application"
    status = 409
    default_message = _(
        "An application for an organization account with this registration document is "
        "already being processed. Wait for its result, or ask the Help Centre."
    )


class OrganizationAlreadyRegistered(DomainError):
    code = "organization_already_registered"
    status = 409
    default_message = _(
        "An organization account already exists for this registration document. To change "
        "its Primary Administrator, apply for a replacement Primary Administrator."
    )


class DuplicateIdentityDocument(DomainError):
    code = "duplicate_identity_document"
    status = 409
    default_message = _(
        "An Individual User account, or an application for one, already exists for this "
        "identification document. Each person may hold only one IU account."
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
            application_type=ApplicationType.IU,
            id_document_type=doc_type,
            id_document_number=number,
            status__in=PENDING_STATUSES,
        ).exists()
    )


def _check_one_organization_application(p: dict) -> None:
    """One pending PA application per organization registration document, and none for an
    organization that already has an account (its PA is replaced instead: ORG-8). A
    government department without a registration number is not checked here: the vetting
    officer sees its name (docs/decisions.md, "PA applications")."""
    doc_type = p["organization_registration_document_type"]
    number = p["organization_registration_document_number"]
    if not number:
        return
    lock_identity_document(f"org:{doc_type}", number)
    if Organization.objects.filter(
        registration_document_type=doc_type, registration_document_number=number
    ).exists():
        raise OrganizationAlreadyRegistered(field="organization_registration_document_number")
    if Application.objects.filter(
        application_type=ApplicationType.PA,
        organization_registration_document_type=doc_type,
        organization_registration_document_number=number,
        status__in=PENDING_STATUSES,
    ).exists():
        raise DuplicateOrganizationApplication(field="organization_registration_document_number")


def email_already_registered(email: str) -> bool:
    """REG-6: a warning, never a refusal."""
    return User.objects.filter(email__iexact=email).exists()


def _checked(
    kind, errors: dict, *, particulars, cases, documents, prospective_litigant, channel, received_on
):
    """Every check of an application's content, each problem added to `errors` (none stops
    the others): the particulars, the cases, the documents. Returns what is clean."""
    if kind.application_type != ApplicationType.IU:
        prospective_litigant = False  # REG-3 is for individuals
    if channel != Channel.ONLINE:
        validation.check_received_on(received_on, errors)
    keyed_in = channel != Channel.ONLINE  # the officer keying it in reads the complaints
    p = kind.clean_particulars(particulars, errors, keyed_in=keyed_in)
    clean_cases = (
        validation.clean_cases(
            cases,
            prospective_litigant,
            # An organization lists its cases with any party type (REG-9).
            p["eligibility"] if kind.case_required else "",
            errors,
            keyed_in=keyed_in,
            required=kind.case_required,
        )
        if kind.lists_cases
        else []
    )
    clean_docs = validation.clean_documents(documents, errors)
    supplied = {doc_kind for doc_kind, _upload, _facts in clean_docs}
    for doc_kind in kind.required_documents(
        particulars=p, prospective=prospective_litigant, channel=channel
    ):
        if doc_kind not in supplied and f"documents-{doc_kind}" not in errors:
            # Said on the document's own field, which names it.
            errors.setdefault(f"documents-{doc_kind}", []).append(_("This document is required."))
    return p, clean_cases, clean_docs


def application_problems(
    *,
    particulars: dict,
    cases: list[dict],
    documents: list[tuple[str, object]],
    prospective_litigant: bool = False,
    channel: str = Channel.ONLINE,
    received_on: date | None = None,
    application_type: str = ApplicationType.IU,
) -> dict:
    """What `application_submit` would refuse in this content, all of it, writing nothing: so
    that a form with a mistake in one part is answered with the problems of every part."""
    if application_type not in ApplicationType.values:
        return {}
    errors: dict = {}
    _checked(
        application_kind(application_type),
        errors,
        particulars=particulars,
        cases=cases,
        documents=documents,
        prospective_litigant=prospective_litigant,
        channel=channel,
        received_on=received_on,
    )
    return errors


def application_submit(
    *,
    particulars: dict,
    cases: list[dict],
    documents: list[tuple[str, object]],
    prospective_litigant: bool = False,
    channel: str = Channel.ONLINE,
    received_on: date | None = None,
    actor=None,
    application_type: str = ApplicationType.IU,
) -> Application:
    """REG-2..6, GEN-4, GEN-6. Online by the applicant, or keyed in from paper by the
    Help Centre (actor), who gives the date the court received it (`received_on`); vetting
    is due 3 working days after that date (REG-8). Saves nothing unless everything is in
    order."""
    if channel != Channel.ONLINE:
        require(actor, Capability.KEY_IN_PAPER_APPLICATION)
    if application_type not in ApplicationType.values:
        raise ValidationFailed({"application_type": [_("Choose the type of application.")]})
    kind = application_kind(application_type)
    if channel != Channel.ONLINE and channel not in kind.paper_channels:
        raise ValidationFailed({"channel": [_("Choose how the application was received.")]})
    errors: dict = {}
    p, clean_cases, clean_docs = _checked(
        kind,
        errors,
        particulars=particulars,
        cases=cases,
        documents=documents,
        prospective_litigant=prospective_litigant,
        channel=channel,
        received_on=received_on,
    )
    if application_type != ApplicationType.IU:
        prospective_litigant = False  # REG-3 is for individuals
    if errors:
        raise ValidationFailed(errors)

    with atomic_with_files() as written_files:
        if kind.one_per_identity_document:
            lock_identity_document(p["id_document_type"], p["id_document_number"])
            if identity_document_in_use(p["id_document_type"], p["id_document_number"]):
                raise DuplicateIdentityDocument(field="id_document_number")
        if application_type == ApplicationType.PA:
            _check_one_organization_application(p)
        now = timezone.now()
        if channel == Channel.ONLINE:
            received_on = timezone.localdate(now)
        application = Application.objects.create(
            reference=f"TMP{uuid.uuid4().hex[:16]}",
            application_type=application_type,
            channel=channel,
            keyed_in_by=actor if channel != Channel.ONLINE else None,
            prospective_litigant=prospective_litigant,
            email_already_registered=email_already_registered(p["email"]),
            submitted_at=now,
            received_on=received_on,
            due_date=add_working_days(received_on, policy.VETTING_DUE_WORKING_DAYS),
            **p,
        )
        application.reference = (
            f"{kind.reference_prefix}{timezone.localdate(now):%Y}{application.pk:06d}"
        )
        application.save(update_fields=["reference"])
        ProposedCase.objects.bulk_create(
            ProposedCase(application=application, **c) for c in clean_cases
        )
        store_documents(application, clean_docs, written_files)
        audit_record(
            actor=actor,
            action="application.submitted",
            obj=application,
            after={"status": application.status, "channel": channel},
            actor_label=APPLICANT,
        )
        notify(application, "application_received", due_date=application.due_date)
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
    with atomic_with_files() as written_files:
        application = locked(application_id)
        APPLICATION_TRANSITIONS.check(application, "supplement")
        request = application.information_requests.filter(answered_at=None).last()
        now = timezone.now()
        if request:
            request.answered_at = now
            request.answer = answer
            request.save(update_fields=["answered_at", "answer"])
        store_documents(application, clean_docs, written_files)
        APPLICATION_TRANSITIONS.apply(
            application,
            "supplement",
            actor_label=APPLICANT,
            due_date=add_working_days(timezone.localdate(now), policy.VETTING_DUE_WORKING_DAYS),
        )
    return application
