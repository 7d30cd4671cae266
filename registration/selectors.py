"""Reads on applications, already limited to what the reader may see."""

from django.db.models import Max, QuerySet

from accounts.identity import normalize_id_document_number
from cases.checks import check_message
from cases.selectors.access import representation_links
from cases.selectors.linkability import case_checks
from core.errors import NotFound
from core.workdays import local_today
from permissions.roles import Capability, require, scope
from registration.access import access_token_read
from registration.models import Application, ApplicationStatus, SupportingDocument
from registration.transitions import APPLICATION_TRANSITIONS


def vetting_queue(*, actor) -> QuerySet[Application]:
    """REG-8: applications to vet, the earliest due first."""
    require(actor, Capability.VET_APPLICATIONS)
    return Application.objects.filter(status=ApplicationStatus.SUBMITTED).order_by(
        "due_date", "submitted_at"
    )


def awaiting_applicant(*, actor) -> QuerySet[Application]:
    """REG-8: applications whose applicant was asked for more information and has not yet
    answered, the longest waiting first. A vetting officer may still reject them."""
    require(actor, Capability.VET_APPLICATIONS)
    return (
        Application.objects.filter(status=ApplicationStatus.INFO_REQUESTED)
        .annotate(information_requested_at=Max("information_requests__requested_at"))
        .order_by("information_requested_at", "pk")
    )


def vetting_counts(*, actor) -> dict[str, int]:
    """The vetting officer's figures for the dashboard (REG-8, OPS-3)."""
    queue = vetting_queue(actor=actor)
    return {
        "to_vet": queue.count(),
        "overdue": queue.filter(due_date__lt=local_today()).count(),
        "awaiting_applicant": awaiting_applicant(actor=actor).count(),
    }


def application_actions(*, actor, application: Application) -> frozenset[str]:
    """What the actor may do with the application now (registration.transitions): the pages
    offer these and no others."""
    return frozenset(APPLICATION_TRANSITIONS.available(application, actor=actor))


def authentication_queue(*, actor, search: str = "") -> QuerySet[Application]:
    """IDA-1: applications in order, waiting for the applicant at a counter."""
    require(actor, Capability.RECORD_IDENTITY_AUTHENTICATION)
    qs = Application.objects.filter(status=ApplicationStatus.AWAITING_AUTHENTICATION)
    if "\x00" in search:
        # No reference or document number holds a NUL, and PostgreSQL refuses one in a query.
        return qs.none()
    if search:
        qs = qs.filter(reference__iexact=search.strip()) | qs.filter(
            id_document_number=normalize_id_document_number(search)
        )
    return qs.order_by("authentication_due", "pk")


def applications_for_staff(*, actor) -> QuerySet[Application]:
    """The applications `actor` may see as court staff."""
    require(actor, Capability.VIEW_APPLICATIONS)
    return scope(Application.objects.all(), actor, Capability.VIEW_APPLICATIONS)


def application_for_staff(*, actor, application_id: int) -> Application:
    application = (
        applications_for_staff(actor=actor)
        .select_related("keyed_in_by", "account", "organization")
        .prefetch_related("cases", "documents", "information_requests")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def application_from_access_token(token: str) -> Application:
    """The applicant's own view of an application, through the link in every email."""
    pk = access_token_read(token)
    if pk is None:
        raise NotFound()
    application = (
        Application.objects.prefetch_related("cases", "documents", "information_requests")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def supporting_document_for_staff(*, actor, document_id: int) -> SupportingDocument:
    """A supporting document, for court staff who see applications (the page and the API)."""
    document = SupportingDocument.objects.filter(
        application__in=applications_for_staff(actor=actor), pk=document_id
    ).first()
    if document is None:
        raise NotFound()
    return document


def listed_case_checks(application) -> list[dict]:
    """Journey 1, REG-9: for the vetting page, what the court knows of each listed case now,
    so that the officer never approves a link to a case that cannot be linked."""
    listed = list(application.cases.all())
    checks = case_checks([case.case_number for case in listed])
    # A party of the type the applicant claims that is already represented: the registry
    # refuses to link an IU to it (its representative takes it over only by a Notice of
    # Change), so the officer sees it before the applicant goes through authentication.
    represented = {
        (link.case_id, link.party.party_type): link.organization.name
        for link in representation_links()
        .filter(
            case_id__in=[check.case.pk for check in checks if check.linkable],
            organization__isnull=False,
        )
        .select_related("party", "organization")
    }
    return [
        {
            "case": case,
            "check": check,
            "message": check_message(check),
            "represented_by": represented.get((check.case.pk, case.party_type))
            if check.linkable
            else None,
        }
        for case, check in zip(listed, checks, strict=True)
    ]
