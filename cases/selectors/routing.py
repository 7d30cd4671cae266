"""CASE-4, ORG-7: the recipients of a case's messages."""

from django.db.models import Q

from accounts.models import AccountStatus, User
from cases.models import CaseAssignment
from cases.selectors.access import representation_links
from core.workdays import local_today
from organizations.models import DefaultOU


def serving_organization_user(prefix: str = "") -> Q:
    """An OU account that can be used today, as a condition on User (through `prefix`): active
    and not past its effective end date (ORG-5), as `User.is_active` says. Whether its
    organization is in service (ORG-8) is the same for every OU of one organization."""
    return Q(**{f"{prefix}status": AccountStatus.ACTIVE}) & (
        Q(**{f"{prefix}effective_end_date__isnull": True})
        | Q(**{f"{prefix}effective_end_date__gte": local_today()})
    )


def case_message_recipients(case_id: int) -> list[User]:
    """Who receives a message of the case (CASE-4, ORG-7 [A43]): for each current link, the
    linked IU; or the OUs the organization assigned that party to; or, while none of them can
    be used (none assigned, or all suspended or ended), the organization's default OUs. Only
    accounts that can be used now receive, each once. Three queries at most, whatever the
    number of cases, links and assignments."""
    links = list(representation_links().filter(case_id=case_id).select_related("individual"))
    recipients: dict[int, User] = {}
    for link in links:
        if link.individual_id is not None and link.individual.is_active:
            recipients[link.individual_id] = link.individual
    organization_links = [link.pk for link in links if link.organization_id is not None]
    if not organization_links:
        return [recipients[pk] for pk in sorted(recipients)]
    served = set()
    assignments = CaseAssignment.objects.filter(link_id__in=organization_links).select_related(
        "organization_user__organization"
    )
    for assignment in assignments:
        account = assignment.organization_user
        if account.is_active:
            recipients[account.pk] = account
            served.add(assignment.link_id)
    unserved = {
        link.organization_id
        for link in links
        if link.organization_id is not None and link.pk not in served
    }
    if unserved:
        defaults = DefaultOU.objects.filter(organization_id__in=unserved).select_related(
            "account__organization"
        )
        for row in defaults:
            if row.account.is_active:
                recipients[row.account_id] = row.account
    return [recipients[pk] for pk in sorted(recipients)]
