"""ORG-2: the PA creates and maintains the organization's branch codes; ORG-3 limits them.

A branch code is typed by the PA: letters, digits and hyphens, kept in capitals, unique in the
organization. A branch can be removed only while no account, of any state, belongs to it (an
ended account keeps its branch in its history); otherwise it is renamed."""

import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.services import audit_record
from core.errors import NotFound, ValidationFailed
from organizations.limits import limit_check, organization_locked
from organizations.models import Branch
from permissions.roles import Capability, require, scope

BRANCH_CODE_MAX = 20
_CODE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")


class BranchInUse(ValidationFailed):
    def __init__(self):
        super().__init__(
            {
                "branch": [
                    _(
                        "Accounts belong to this branch, so it cannot be removed. Move them to "
                        "another branch first, or rename the branch."
                    )
                ]
            }
        )


def _validated(code: str, name: str) -> tuple[str, str]:
    code = (code or "").strip().upper()
    name = (name or "").strip()
    errors = {}
    if not code:
        errors["code"] = [_("Enter a branch code.")]
    elif len(code) > BRANCH_CODE_MAX or not _CODE.match(code):
        errors["code"] = [
            _('A branch code has at most %(n)s letters, digits and hyphens, e.g. "HK-CENTRAL".')
            % {"n": BRANCH_CODE_MAX}
        ]
    if len(name) > 200:
        errors["name"] = [_("A branch name has at most 200 characters.")]
    if errors:
        raise ValidationFailed(errors)
    return code, name


def _code_taken(organization_id, code: str, *, other_than=None) -> None:
    taken = Branch.objects.filter(organization_id=organization_id, code=code)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise ValidationFailed(
            {"code": [_("Your organization already has a branch with this code.")]}
        )


def _branch_locked(*, actor, branch_id) -> Branch:
    branch = (
        scope(Branch.objects.select_for_update(), actor, Capability.MAINTAIN_BRANCHES)
        .filter(pk=branch_id)
        .first()
        if str(branch_id).isdigit()
        else None
    )
    if branch is None:
        raise NotFound()
    return branch


@transaction.atomic
def branch_create(*, actor, code: str, name: str = "") -> Branch:
    require(actor, Capability.MAINTAIN_BRANCHES)
    code, name = _validated(code, name)
    organization = organization_locked(actor.organization_id)
    _code_taken(organization.pk, code)
    limit_check(organization, "branches")
    branch = Branch.objects.create(organization=organization, code=code, name=name)
    audit_record(
        actor=actor, action="branch.created", obj=branch, after={"code": code, "name": name}
    )
    return branch


@transaction.atomic
def branch_update(*, actor, branch_id, code: str, name: str = "") -> Branch:
    """Rename a branch: its code, its name, or both."""
    require(actor, Capability.MAINTAIN_BRANCHES)
    code, name = _validated(code, name)
    organization_locked(actor.organization_id)
    branch = _branch_locked(actor=actor, branch_id=branch_id)
    _code_taken(branch.organization_id, code, other_than=branch.pk)
    before = {"code": branch.code, "name": branch.name}
    if before == {"code": code, "name": name}:
        return branch
    branch.code, branch.name = code, name
    branch.save(update_fields=["code", "name"])
    audit_record(
        actor=actor,
        action="branch.updated",
        obj=branch,
        before=before,
        after={"code": code, "name": name},
    )
    return branch


@transaction.atomic
def branch_remove(*, actor, branch_id) -> None:
    require(actor, Capability.MAINTAIN_BRANCHES)
    organization_locked(actor.organization_id)
    branch = _branch_locked(actor=actor, branch_id=branch_id)
    if User.objects.filter(branch=branch).exists():
        raise BranchInUse()
    audit_record(
        actor=actor,
        action="branch.removed",
        obj=branch,
        before={"code": branch.code, "name": branch.name},
    )
    branch.delete()
