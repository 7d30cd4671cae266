"""How an organization hands its cases on (CASE-4..7 [A40, A41, A49]): the PA gives an SA the
cases of a case profile (court level + proceeding type, later cases included) or of a case
number; the PA, and each SA within what it may, assigns a case party to OUs, at most
`organization_users_per_case_party` of them (10 unless a configuration change approved
more), and takes them off again.

Which records an actor may touch is read through `cases.selectors.assignment`
(`assignable_links`, `assignable_organization_users`): anything outside is "not found", like a
record that does not exist (ROLE-2). Every change is audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES, User
from audit.services import audit_record
from cases.models import (
    CaseAssignment,
    CaseNumberAssignment,
    CaseProfileAssignment,
    ProceedingType,
)
from cases.numbers import normalize_case_number
from cases.selectors.access import current_links
from cases.selectors.assignment import (
    ASSIGNABLE_STATUSES,
    assignable_links,
    assignable_organization_users,
    organization_users_on_party,
    require_assigner,
)
from cases.selectors.paging import _int_or_none as _id
from cases.services.linking import refuse_unless_linkable
from core.errors import NotFound, ValidationFailed
from organizations.limits import limit_check, organization_locked
from permissions.roles import Capability, Role, can, require, scope

# --- CASE-5 [A41]: the PA gives cases to an SA ----------------------------------------------------


def _administrator_locked(actor, administrator_id) -> User:
    """An SA of the PA's organization, not ended, locked so that two gifts to it are made one
    after the other; any other account is not found."""
    administrator_id = _id(administrator_id)
    administrator = (
        scope(
            User.objects.select_for_update(),
            actor,
            Capability.GIVE_CASES_TO_ADMINISTRATORS,
        )
        .filter(pk=administrator_id, role=Role.SA, status__in=LIVE_STATUSES)
        .first()
        if administrator_id is not None
        else None
    )
    if administrator is None:
        raise NotFound()
    return administrator


def case_profile_assignment_create(
    *, actor, administrator_id, proceeding_type
) -> CaseProfileAssignment:
    """Give the SA every case of the organization of one case profile (court level +
    proceeding type), those linked later included. `proceeding_type` is its code ("DCPI")."""
    require(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
    code = proceeding_type.strip().upper() if isinstance(proceeding_type, str) else ""
    kind = (
        ProceedingType.objects.select_related("court_level").filter(code=code).first()
        if code
        else None
    )
    if kind is None:
        raise ValidationFailed(
            {"proceeding_type": [_("Choose a case profile: a court level and proceeding type.")]}
        )
    with transaction.atomic():
        administrator = _administrator_locked(actor, administrator_id)
        if CaseProfileAssignment.objects.filter(
            administrator=administrator, proceeding_type=kind
        ).exists():
            raise ValidationFailed(
                {"proceeding_type": [_("This case profile is already given to this SA.")]}
            )
        given = CaseProfileAssignment.objects.create(
            organization_id=actor.organization_id,
            administrator=administrator,
            proceeding_type=kind,
            assigned_by=actor,
            assigned_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="case_profile.given",
            obj=administrator,
            after={"proceeding_type": kind.code, "court_level": kind.court_level.code},
        )
    return given


def case_number_assignment_create(*, actor, administrator_id, case_number) -> CaseNumberAssignment:
    """Give the SA one case, by its number: a case the organization is linked to now. Any
    other number (unknown, another organization's, ended) gets the same answer."""
    require(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
    number = normalize_case_number(case_number)
    if number is None:
        raise ValidationFailed({"case_number": [_("Enter a case number such as DCPI 1234/2025.")]})
    link = (
        current_links()
        .filter(organization_id=actor.organization_id, case__number=number)
        .select_related("case")
        .first()
    )
    if link is None:
        raise ValidationFailed(
            {"case_number": [_("Your organization has no current case with this number.")]}
        )
    with transaction.atomic():
        administrator = _administrator_locked(actor, administrator_id)
        if CaseNumberAssignment.objects.filter(
            administrator=administrator, case=link.case
        ).exists():
            raise ValidationFailed({"case_number": [_("This case is already given to this SA.")]})
        given = CaseNumberAssignment.objects.create(
            organization_id=actor.organization_id,
            administrator=administrator,
            case=link.case,
            assigned_by=actor,
            assigned_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="case_number.given",
            obj=administrator,
            after={"case": link.case.number},
        )
    return given


def _given_take_back(*, actor, model, given_id, given_what: str, action: str, what) -> None:
    """Delete what the PA gave an SA (a `model` row in the actor's organization, its relation
    `given_what` read with it), with an audit record of `action` on the SA's account saying
    `what(given)` was taken back."""
    require(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS)
    with transaction.atomic():
        given = (
            scope(
                model.objects.select_for_update(),
                actor,
                Capability.GIVE_CASES_TO_ADMINISTRATORS,
            )
            .filter(pk=_id(given_id))
            .select_related("administrator", given_what)
            .first()
        )
        if given is None:
            raise NotFound()
        given.delete()
        audit_record(actor=actor, action=action, obj=given.administrator, before=what(given))


def case_profile_assignment_remove(*, actor, given_id) -> None:
    """Take a case profile back from the SA. The OUs the SA assigned keep their cases: an
    assignment is the organization's, whoever made it."""
    _given_take_back(
        actor=actor,
        model=CaseProfileAssignment,
        given_id=given_id,
        given_what="proceeding_type",
        action="case_profile.taken_back",
        what=lambda given: {"proceeding_type": given.proceeding_type.code},
    )


def case_number_assignment_remove(*, actor, given_id) -> None:
    """Take a case given by its number back from the SA; as for a profile, the OUs keep it."""
    _given_take_back(
        actor=actor,
        model=CaseNumberAssignment,
        given_id=given_id,
        given_what="case",
        action="case_number.taken_back",
        what=lambda given: {"case": given.case.number},
    )


# --- CASE-6, CASE-7 [A40, A49]: case parties assigned to OUs -------------------------------------


def _link_locked(actor, link_id):
    """The case party's current link, if the actor may assign it, locked: assignments to one
    party are counted one at a time (CASE-7), and the link cannot end meanwhile (BEY-1)."""
    link_id = _id(link_id)
    link = (
        assignable_links(actor)
        .select_for_update(of=("self",))
        .select_related("case__proceeding_type", "party")
        .filter(pk=link_id)
        .first()
        if link_id is not None
        else None
    )
    if link is None:
        raise NotFound()
    return link


def _organization_user(actor, organization_user_id) -> User:
    """An OU the actor may assign to (its branch, or all branches with the optional role);
    any other account is not found."""
    account_id = _id(organization_user_id)
    account = (
        assignable_organization_users(actor).filter(pk=account_id).first()
        if account_id is not None
        else None
    )
    if account is None or not (
        can(actor, Capability.ASSIGN_CASES_ALL_BRANCHES, account)
        or can(actor, Capability.ASSIGN_CASES_SAME_BRANCH, account)
    ):
        raise NotFound()
    return account


def case_assignment_create(*, actor, link_id, organization_user_id) -> CaseAssignment:
    """Assign a case party of the organization to an OU: the OU may then transact on the case
    (CASE-2) and receives its messages instead of the default OUs (CASE-4, ORG-7). Refused
    for a case not e-enabled or finally disposed (GEN-2), for a suspended or ended OU, and
    beyond the organization's limit of OUs per case party (CASE-7), counted under the party's
    and the organization's row locks so that parallel requests cannot pass it. Assigning an
    OU the party already has changes nothing."""
    require_assigner(actor)
    if _id(link_id) is None or _id(organization_user_id) is None:
        raise NotFound()
    with transaction.atomic():
        link = _link_locked(actor, link_id)
        # The limit is read under the organization's lock, which an approved configuration
        # change takes to change it (ORG-4).
        organization = organization_locked(link.organization_id)
        account = _organization_user(actor, organization_user_id)
        refuse_unless_linkable(link.case)
        existing = CaseAssignment.objects.filter(link=link, organization_user=account).first()
        if existing is not None:
            return existing
        if account.status not in ASSIGNABLE_STATUSES:
            raise ValidationFailed(
                {"organization_user": [_("A suspended or ended account cannot be assigned cases.")]}
            )
        limit_check(
            organization,
            "organization_users_per_case_party",
            count=organization_users_on_party(link.pk),
        )
        assignment = CaseAssignment.objects.create(
            link=link,
            organization=organization,
            organization_user=account,
            assigned_by=actor,
            assigned_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="case_assignment.created",
            obj=account,
            after={
                "case": link.case.number,
                "party": str(link.party),
                "link": link.pk,
            },
        )
    return assignment


def case_assignment_remove(*, actor, link_id, organization_user_id) -> None:
    """Take the case party off the OU. When it was the last OU of the party, the party's
    messages go to the default OUs again (ORG-7)."""
    require_assigner(actor)
    if _id(link_id) is None or _id(organization_user_id) is None:
        raise NotFound()
    with transaction.atomic():
        link = _link_locked(actor, link_id)
        account = _organization_user(actor, organization_user_id)
        assignment = CaseAssignment.objects.filter(link=link, organization_user=account).first()
        if assignment is None:
            raise NotFound()
        assignment.delete()
        audit_record(
            actor=actor,
            action="case_assignment.removed",
            obj=account,
            before={"case": link.case.number, "party": str(link.party), "link": link.pk},
        )
