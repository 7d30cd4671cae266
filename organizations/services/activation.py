"""Activation of an account that may belong to an organization (ACT-1..4, AUTH-2, ORG-8): the
accounts app checks the code, the particulars and the Organization Code; this layer, which
knows organizations, puts the organization in service when its PA activates."""

from accounts.models import User
from accounts.services import account_activate as activate_account
from audit.services import audit_record
from organizations.limits import organization_locked
from organizations.models import OrganizationStatus
from permissions.roles import Role


def _organization_in_service(user: User) -> None:
    """ORG-8: a PA has activated, so the organization has an active PA again. Runs inside the
    activation's transaction, the account's row locked first and then the organization's (the
    order in which the termination of a PA takes them)."""
    if user.role != Role.PA or user.organization_id is None:
        return
    organization = organization_locked(user.organization_id)
    if organization.status == OrganizationStatus.ACTIVE:
        return
    before = organization.status
    organization.status = OrganizationStatus.ACTIVE
    organization.save(update_fields=["status"])
    audit_record(
        actor=user,
        action="organization.in_service",
        obj=organization,
        before={"status": before},
        after={"status": organization.status, "primary_administrator": user.login_name},
    )


def account_activate(
    *,
    login_name: str,
    activation_code: str,
    surname: str,
    given_name: str,
    phone: str,
    password: str,
    password_confirm: str,
    organization_code: str = "",
    post_title: str = "",
) -> User:
    """ACT-1..4 for every account, IU, PA, SA or OU (the page and the API call this); a PA,
    SA or OU also gives its organization's Organization Code (ACT-4). When a PA activates, its
    organization is in service again (ORG-8): its SAs and OUs can log in."""
    return activate_account(
        login_name=login_name,
        activation_code=activation_code,
        surname=surname,
        given_name=given_name,
        phone=phone,
        password=password,
        password_confirm=password_confirm,
        organization_code=organization_code,
        post_title=post_title,
        on_activated=_organization_in_service,
    )
