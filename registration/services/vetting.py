"""REG-8: the vetting officer marks an application in order, asks for more information or
rejects it with reasons; the applicant is emailed the result."""

from django.db import transaction
from django.utils import timezone

from core import policy
from permissions.roles import Capability, require
from registration.models import Application, Counter, InformationRequest, RejectionKind
from registration.services.common import locked, notify
from registration.transitions import APPLICATION_TRANSITIONS


def application_request_information(*, actor, application_id: int, message: str) -> Application:
    require(actor, Capability.VET_APPLICATIONS)
    message = APPLICATION_TRANSITIONS.reasons("request_information", message)
    with transaction.atomic():
        application = locked(application_id)
        APPLICATION_TRANSITIONS.check(application, "request_information", actor=actor)
        InformationRequest.objects.create(
            application=application,
            requested_by=actor,
            requested_at=timezone.now(),
            message=message,
        )
        APPLICATION_TRANSITIONS.apply(application, "request_information", actor=actor)
        notify(application, "information_requested", message=message)
    return application


def application_mark_in_order(*, actor, application_id: int) -> Application:
    """IDA-1: in order; the applicant has 30 calendar days to authenticate identity."""
    require(actor, Capability.VET_APPLICATIONS)
    with transaction.atomic():
        application = locked(application_id)
        now = timezone.now()
        APPLICATION_TRANSITIONS.apply(
            application,
            "mark_in_order",
            actor=actor,
            in_order_at=now,
            authentication_due=timezone.localdate(now) + policy.AUTHENTICATION_PERIOD,
        )
        notify(
            application,
            "authenticate_identity",
            authentication_due=application.authentication_due,
            counters=Counter.choices,
        )
    return application


def application_reject(*, actor, application_id: int, reasons: str) -> Application:
    require(actor, Capability.VET_APPLICATIONS)
    reasons = APPLICATION_TRANSITIONS.reasons("reject", reasons)
    with transaction.atomic():
        application = locked(application_id)
        APPLICATION_TRANSITIONS.apply(
            application,
            "reject",
            actor=actor,
            decided_at=timezone.now(),
            rejection_kind=RejectionKind.VETTING,
            rejection_reasons=reasons,
        )
        notify(application, "application_rejected", reasons=reasons)
    return application
