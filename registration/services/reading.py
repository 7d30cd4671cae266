"""Court staff reading an application's personal data: every read is recorded in the trail
(who, when, which application, through which page or operation), the same for pages and API."""

from audit.services import audit_read
from registration import selectors
from registration.models import Application, SupportingDocument

PERSONAL_DATA_READ = "application.personal_data_read"


def application_read_for_staff(*, actor, application_id: int, via: str) -> Application:
    application = selectors.application_for_staff(actor=actor, application_id=application_id)
    audit_read(actor=actor, action=PERSONAL_DATA_READ, obj=application, via=via)
    return application


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
