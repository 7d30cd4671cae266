"""IDA-1..4: identity is authenticated at a counter within 30 calendar days and the account
opens; an application not authenticated in time is regarded as rejected (IDA-3)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.identity import (
    ID_DOCUMENT_NUMBER_CHARACTERS,
    id_document_number_is_plain,
    normalize_id_document_number,
)
from accounts.models import IdentityDocumentType
from audit.services import SYSTEM
from cases.models import LodgementChannel
from cases.selectors.linkability import case_checks
from cases.services.linking import case_link_requests_for_application
from core import policy
from core.errors import DomainError, InvalidTransition, ValidationFailed
from core.workdays import local_today
from permissions.roles import Capability, require
from registration.kinds import application_kind
from registration.models import (
    Application,
    ApplicationStatus,
    AuthenticationMode,
    Channel,
    Counter,
    IdentityAuthentication,
    RejectionKind,
)
from registration.services.common import lock_identity_document, locked, notify
from registration.transitions import APPLICATION_TRANSITIONS

# GEN-6: how the application (and so its listed cases) reached the court.
LODGEMENT_CHANNELS = {
    Channel.ONLINE: LodgementChannel.ONLINE,
    Channel.FAX: LodgementChannel.FAX,
    Channel.POST: LodgementChannel.POST,
    Channel.HAND: LodgementChannel.BY_HAND,
    Channel.EMAIL: LodgementChannel.ONLINE,
}


class IdentityDocumentMismatch(DomainError):
    code = "identity_document_mismatch"
    default_message = _(
        "The identification document presented is not the one given in the application."
    )


# The record's columns (registration.models.IdentityAuthentication).
REPRESENTATIVE_NAME_MAX = 200
DOCUMENT_NUMBER_MAX = 40


def _too_long(n: int) -> str:
    return _("At most %(n)d characters.") % {"n": n}


def _authentication_errors(
    *,
    counter,
    mode,
    presented_number,
    representative_name,
    representative_document_type,
    rep_number,
    authorization_letter_seen,
    applicant_document_copy_seen,
) -> dict:
    errors: dict = {}
    if counter not in Counter.values:
        errors["counter"] = [_("Choose the counter where identity was authenticated.")]
    if mode not in AuthenticationMode.values:
        errors["mode"] = [_("Choose how identity was authenticated.")]
    if not presented_number:
        errors["presented_document_number"] = [_("Enter the number of the document presented.")]
    elif not id_document_number_is_plain(presented_number):
        errors["presented_document_number"] = [ID_DOCUMENT_NUMBER_CHARACTERS]
    elif len(presented_number) > DOCUMENT_NUMBER_MAX:
        errors["presented_document_number"] = [_too_long(DOCUMENT_NUMBER_MAX)]
    # Kept in every mode (services below): bounded in every mode.
    if len((representative_name or "").strip()) > REPRESENTATIVE_NAME_MAX:
        errors["representative_name"] = [_too_long(REPRESENTATIVE_NAME_MAX)]
    if len(rep_number) > DOCUMENT_NUMBER_MAX:
        errors["representative_document_number"] = [_too_long(DOCUMENT_NUMBER_MAX)]
    if mode == AuthenticationMode.REPRESENTATIVE:
        if not (representative_name or "").strip():
            errors["representative_name"] = [_("Enter the representative's name.")]
        if representative_document_type not in IdentityDocumentType.values or not rep_number:
            errors["representative_document_number"] = [
                _("Record the representative's own identification document.")
            ]
        elif not id_document_number_is_plain(rep_number):
            errors["representative_document_number"] = [ID_DOCUMENT_NUMBER_CHARACTERS]
        if not authorization_letter_seen:
            errors["authorization_letter_seen"] = [
                _("A signed letter of authorization is required.")
            ]
        if not applicant_document_copy_seen:
            errors["applicant_document_copy_seen"] = [
                _("A copy of the applicant's identification document is required.")
            ]
    return errors


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
    and activation code (and for a PA the Organization Code). A PA's own identity document is
    the one checked, as for an IU."""
    require(actor, Capability.RECORD_IDENTITY_AUTHENTICATION)
    presented_number = normalize_id_document_number(presented_document_number or "")
    rep_number = normalize_id_document_number(representative_document_number or "")
    errors = _authentication_errors(
        counter=counter,
        mode=mode,
        presented_number=presented_number,
        representative_name=representative_name,
        representative_document_type=representative_document_type,
        rep_number=rep_number,
        authorization_letter_seen=authorization_letter_seen,
        applicant_document_copy_seen=applicant_document_copy_seen,
    )
    if errors:
        raise ValidationFailed(errors)

    with transaction.atomic():
        application = locked(application_id)
        APPLICATION_TRANSITIONS.check(application, "authenticate_identity", actor=actor)
        if application.authentication_due < local_today():
            raise InvalidTransition(
                _("The %(days)s days to authenticate identity have passed.")
                % {"days": policy.AUTHENTICATION_PERIOD.days}
            )
        if (presented_document_type, presented_number) != (
            application.id_document_type,
            application.id_document_number,
        ):
            raise IdentityDocumentMismatch(field="presented_document_number")
        # IDA-2: a representative comes instead of the applicant, with a document of their own.
        if mode == AuthenticationMode.REPRESENTATIVE and rep_number == presented_number:
            raise ValidationFailed(
                {
                    "representative_document_number": [
                        _(
                            "This is the applicant's own document. Record the representative's "
                            "document, or record that the applicant came in person."
                        )
                    ]
                }
            )
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
        kind = application_kind(application.application_type)
        if kind.one_per_identity_document:
            lock_identity_document(application.id_document_type, application.id_document_number)
        # REG-3: a prospective litigant's approval states by when an e-proceeding must be
        # filed; the activation email says it.
        filing_deadline = (
            local_today() + policy.PROSPECTIVE_LITIGANT_FILING_PERIOD
            if application.prospective_litigant
            else None
        )
        # REG-9: the listed cases that cannot be linked now are named in the activation
        # email, with the Notice of Consent as the way to link one later.
        listed = (
            [(case.case_number, case.party_type) for case in application.cases.all()]
            if kind.lists_cases
            else []
        )
        not_linkable = [
            {"number": check.number or typed, "linkability": str(check.linkability)}
            for (typed, _party_type), check in zip(
                listed, case_checks([typed for typed, _ in listed]), strict=True
            )
            if not check.linkable
        ]
        # IDA-4: the account opens; for a PA, in its organization (created now for a new
        # one, AUTH-2; within the organization's limit of PAs for a replacement, ORG-3).
        user = kind.open_account(
            application,
            actor=actor,
            filing_deadline=filing_deadline,
            email_context={
                "cases_not_linked": not_linkable,
                "cases_to_registry": len(listed) - len(not_linkable),
            },
        )
        if listed:
            # CASE-3 (a): the others go to the registry, which checks them against the
            # parties before linking.
            case_link_requests_for_application(
                actor=actor,
                application_reference=application.reference,
                listed=listed,
                channel=LODGEMENT_CHANNELS[application.channel],
                received_on=application.received_on,
                party_name=kind.party_name(application),
                lodged_by=user,
                **kind.case_holder(application, user),
            )
        APPLICATION_TRANSITIONS.apply(
            application,
            "authenticate_identity",
            actor=actor,
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
            application = locked(application_id)
            if application.status != ApplicationStatus.AWAITING_AUTHENTICATION:
                continue
            APPLICATION_TRANSITIONS.apply(
                application,
                "expire_authentication",
                actor_label=SYSTEM,
                decided_at=timezone.now(),
                rejection_kind=RejectionKind.NOT_AUTHENTICATED,
            )
            notify(application, "authentication_expired")
            expired += 1
    return expired
