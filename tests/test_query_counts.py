"""Work queues cost the same number of queries however long they are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccountStatus
from permissions.roles import Role
from registration import services
from tests.factories import (
    ApiOnlyAccountFactory,
    StaffFactory,
    api_as,
    optional_role_given,
    organization_with_cases,
    submit_application,
)

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("role", "url_name", "in_order"),
    [
        (Role.VETTING, "backoffice:vetting_queue", False),
        (Role.HELP_CENTRE, "backoffice:authentication_queue", True),
        (Role.VETTING, "backoffice:dashboard", False),
    ],
)
def test_queue_queries_do_not_grow_with_the_queue(client, role, url_name, in_order):
    vetting = StaffFactory(role=Role.VETTING)
    officer = vetting if role == Role.VETTING else StaffFactory(role=role)
    client.force_login(officer)
    url = reverse(url_name)

    def add(n):
        for _ in range(n):
            application = submit_application()
            if in_order:
                services.application_mark_in_order(actor=vetting, application_id=application.pk)
            else:
                services.application_request_information(
                    actor=vetting, application_id=submit_application().pk, message="More"
                )

    add(2)
    few = _queries(client, url)
    add(20)
    assert _queries(client, url) == few


# --- the organization's administrators (PA, SA) -------------------------------------------------


def _api_queries(api, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert api.get(url).status_code == 200
    return len(ctx.captured_queries)


def _sub_accounts(world, count: int) -> None:
    """`count` SA accounts, each with an optional role, and `count` OU accounts, in CENTRAL."""
    for _ in range(count):
        sa = ApiOnlyAccountFactory(
            organization=world.organization, branch=world.central, role=Role.SA
        )
        optional_role_given(sa, "link_same_branch", by=world.pa)
        ApiOnlyAccountFactory(organization=world.organization, branch=world.central)


@pytest.mark.parametrize("administrator", ["pa", "sa_all"])
def test_nfr_5_the_accounts_api_reads_the_same_queries_for_3_or_30_sa_accounts(administrator):
    """An SA's optional roles are read with the list, not one query per SA."""
    world = organization_with_cases()
    api = api_as(getattr(world, administrator))
    url = "/api/v1/organization/accounts/"
    counts = []
    for count in (3, 27):
        _sub_accounts(world, count)
        api.get(url)
        counts.append(_api_queries(api, url))
    # The token with its account, the accounts with their branches, the SAs' optional roles;
    # for an SA, its own optional roles too. Before: one more query per SA (9 and 36).
    assert counts == ([3, 3] if administrator == "pa" else [4, 4])


@pytest.mark.parametrize(
    ("administrator", "path", "expected"),
    [
        ("pa", "/organization/default-ous/", 4),
        ("pa", "/organization/accounts/", 4),
        ("sa_all", "/organization/accounts/", 5),
    ],
)
def test_nfr_5_the_default_ou_and_accounts_pages_read_the_same_queries_for_3_or_30_ous(
    client, administrator, path, expected
):
    """ "Maintain default OU Account" weighs what the PA may do with each OU from the list's
    own rows (its default-OU flag annotated): no query per OU, whatever its state."""
    world = organization_with_cases()
    client.force_login(getattr(world, administrator))
    counts = []
    for count in (3, 27):
        _sub_accounts(world, count)
        for status in (AccountStatus.SUSPENDED, AccountStatus.PENDING_ACTIVATION):
            ApiOnlyAccountFactory(
                organization=world.organization, branch=world.central, status=status
            )
        client.get(path)
        counts.append(_queries(client, path))
    assert counts == [expected, expected]
