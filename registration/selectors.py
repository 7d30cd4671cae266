"""Reads on applications, already limited to what the reader may see."""

from django.core import signing
from django.db.models import Count, QuerySet

from accounts.roles import Capability, require
from core.errors import NotFound
from registration.models import Application, ApplicationStatus
from registration.services import ACCESS_TOKEN_MAX_AGE, ACCESS_TOKEN_SALT


def vetting_queue(*, actor) -> QuerySet[Application]:
    """REG-8: applications to vet, the earliest due first."""
    require(actor, Capability.VET_APPLICATIONS)
    return (
        Application.objects.filter(status=ApplicationStatus.SUBMITTED)
        .annotate(document_count=Count("documents"))
        .order_by("due_date", "submitted_at")
    )


def authentication_queue(*, actor, search: str = "") -> QuerySet[Application]:
    """IDA-1: applications in order, waiting for the applicant at a counter."""
    require(actor, Capability.RECORD_IDENTITY_AUTHENTICATION)
    qs = Application.objects.filter(status=ApplicationStatus.AWAITING_AUTHENTICATION)
    if search:
        from accounts.identity import normalize_id_document_number

        qs = qs.filter(reference__iexact=search.strip()) | qs.filter(
            id_document_number=normalize_id_document_number(search)
        )
    return qs.order_by("authentication_due", "pk")


def application_for_staff(*, actor, application_id: int) -> Application:
    require(actor, Capability.VIEW_APPLICATIONS)
    application = (
        Application.objects.select_related("keyed_in_by", "account")
        .prefetch_related("cases", "documents", "information_requests")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def application_from_access_token(token: str) -> Application:
    """The applicant's own view of an application, through the link in every email."""
    try:
        pk = signing.loads(token, salt=ACCESS_TOKEN_SALT, max_age=ACCESS_TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise NotFound() from None
    application = (
        Application.objects.prefetch_related("cases", "documents", "information_requests")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise NotFound()
    return application
