"""An organization is created when its first PA's identity is authenticated (IDA-4, AUTH-2),
and a PA account opens in it, the first or a replacement (ORG-8). The caller (registration)
passes the particulars in: this app knows nothing of applications."""

from django.db import IntegrityError, transaction

from accounts.services import account_open
from audit.services import audit_record
from organizations.codes import organization_code_new
from organizations.limits import limit_check, organization_locked
from organizations.models import Organization, OrganizationStatus
from permissions.roles import Role

# A clash of random codes is rare (32**10 codes); drawing again a few times is plenty.
_CODE_ATTEMPTS = 10


def organization_create(
    *,
    actor,
    name: str,
    organization_type: str,
    registration_document_type: str,
    registration_document_number: str,
    address: str,
) -> Organization:
    """A new organization with a unique, random Organization Code (AUTH-2), not yet in
    service: it has no active PA until its PA activates (ORG-8). Call inside the caller's
    transaction."""
    for _attempt in range(_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                organization = Organization.objects.create(
                    code=organization_code_new(),
                    name=name,
                    organization_type=organization_type,
                    registration_document_type=registration_document_type,
                    registration_document_number=registration_document_number,
                    address=address,
                    status=OrganizationStatus.NO_ACTIVE_PA,
                )
            break
        except IntegrityError:
            if Organization.objects.filter(code=organization.code).exists():
                continue  # a rare clash of random codes: draw again
            raise
    else:  # pragma: no cover - 10 clashes in a row do not happen
        raise IntegrityError("no free Organization Code")
    audit_record(
        actor=actor,
        action="organization.created",
        obj=organization,
        after={"status": organization.status, "organization_type": organization_type},
    )
    return organization


def primary_administrator_open(
    *, actor, organization_id: int, particulars: dict, email_context: dict | None = None
):
    """Open a PA account in the organization, awaiting activation, and email its login name,
    activation code and Organization Code (IDA-4, AUTH-2). ORG-3: at most the organization's
    limit of PA accounts that have not ended (2 unless approved otherwise), counted under the
    organization's row lock, so that parallel openings cannot pass it. Returns the account."""
    with transaction.atomic():
        organization = organization_locked(organization_id)
        limit_check(organization, "primary_administrators")
        user, _code = account_open(
            role=Role.PA,
            actor=actor,
            particulars={**particulars, "organization": organization},
            email_context=email_context,
        )
    return user
