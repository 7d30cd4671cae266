"""What the stages of an application share: the locked read, the applicant's emails, and
storing uploaded documents so that a rollback leaves no file behind."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.db import lock_for_transaction
from core.errors import NotFound
from core.uploads import atomic_with_files  # noqa: F401 - used by the stages of an application
from notifications.services import email_send
from registration.access import access_token_make
from registration.models import Application, SupportingDocument


def locked(application_id: int) -> Application:
    """The application, locked for the rest of the caller's transaction."""
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    return application


def lock_identity_document(doc_type: str, number: str) -> None:
    """Serialize REG-5 checks for one identity document. SQLite already serializes writers
    (transactions start IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock
    (core.db.lock_for_transaction)."""
    lock_for_transaction(f"iu-id:{doc_type}:{number}")


def application_access_token(application: Application) -> str:
    return access_token_make(application.pk)


def application_status_url(application: Application) -> str:
    # The page in the applicant's language, whoever's request sends the email (NFR-1).
    with translation.override(application.language):
        path = reverse(
            "registration:status", kwargs={"token": application_access_token(application)}
        )
    return settings.SITE_URL + path


def notify(application: Application, template: str, **context) -> None:
    email_send(
        to=application.email,
        template=template,
        language=application.language,
        context={
            "name": application.full_name,
            "reference": application.reference,
            "status_url": application_status_url(application),
            "application_type": application.application_type,
            **context,
        },
    )


def store_documents(application, documents, written: list) -> None:
    for kind, upload, facts in documents:
        doc = SupportingDocument(application=application, kind=kind, **facts)
        doc.file.save(upload.name, upload, save=False)
        written.append((doc.file.storage, doc.file.name))
        doc.save()
