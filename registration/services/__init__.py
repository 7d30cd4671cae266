"""Writes on registration applications, one module per stage:
`submission` (apply, supplement), `vetting` (REG-8) and `authentication` (IDA-1..4, the IDA-3
expiry). Every change of status goes through registration.transitions, which checks the move
and writes the audit record in the same transaction."""

from registration.services.authentication import (
    IdentityDocumentMismatch,
    applications_expire_unauthenticated,
    identity_authentication_record,
)
from registration.services.common import application_access_token, application_status_url
from registration.services.reading import (
    application_read_for_staff,
    applications_listed_for_staff,
    supporting_document_read_for_staff,
)
from registration.services.submission import (
    DuplicateIdentityDocument,
    DuplicateOrganizationApplication,
    OrganizationAlreadyRegistered,
    application_problems,
    application_submit,
    application_supplement,
    email_already_registered,
    identity_document_in_use,
)
from registration.services.vetting import (
    application_mark_in_order,
    application_reject,
    application_request_information,
)

__all__ = [
    "DuplicateIdentityDocument",
    "DuplicateOrganizationApplication",
    "OrganizationAlreadyRegistered",
    "IdentityDocumentMismatch",
    "application_access_token",
    "application_mark_in_order",
    "application_problems",
    "application_read_for_staff",
    "applications_listed_for_staff",
    "application_reject",
    "application_request_information",
    "application_status_url",
    "application_submit",
    "application_supplement",
    "applications_expire_unauthenticated",
    "email_already_registered",
    "identity_authentication_record",
    "identity_document_in_use",
    "supporting_document_read_for_staff",
]
