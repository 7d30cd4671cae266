"""Court staff reading an application's personal data: every read is recorded in the trail
(who, when, which application, through which page or operation), the same for pages and API."""

from audit.services import audit_read, audit_reads
from registration import selectors
from registration.models import Application, SupportingDocument

PERSONAL_DATA_READ = "application.personal_data_read"


def application_read_for_staff(*, actor, application_id: int, via: str) -> Application:
    application = selectors.application_for_staff(actor=actor, application_id=application_id)
    audit_read(actor=actor, action=PERSONAL_DATA_READ, obj=application, via=via)
    return application


def applications_listed_for_staff(*, actor, applications, via: str) -> list[Application]:
    """A page of a work queue that carries each application's particulars (the API's list:
    names, document numbers, addresses): one read recorded per application on it, as for the
    application's own page. The pages' lists show names and masked numbers only."""
    applications = list(applications)
    audit_reads(actor=actor, action=PERSONAL_DATA_READ, objs=applications, via=via)
    return applications


def supporting_document_read_for_staff(*, actor, document_id: int, via: str) -> SupportingDocument:
    document = selectors.supporting_document_for_staff(actor=actor, document_id=document_id)
    audit_read(
        actor=actor,
        action=PERSONAL_DATA_READ,
        obj=document.application,
        via=via,
        detail={"document": document.pk, "kind": document.kind},
    )
    return document
