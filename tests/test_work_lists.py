"""Work lists (core.queues): a registry queue or a holder's record shows at most 200 rows and
says how many there are in all: on its page when it shows fewer, in the API in the header
X-Total-Count, whose body keeps its shape (a list)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseLinkRequest
from core.queues import capped
from permissions.roles import Role
from registration.models import Application
from tests.factories import (
    CaseLinkRequestFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    api_as,
    submit_application,
)

pytestmark = pytest.mark.django_db


def test_a_list_of_200_is_shown_whole_and_not_counted():
    Group.objects.bulk_create([Group(name=f"g{n:03}") for n in range(200)])
    with CaptureQueriesContext(connection) as queries:
        rows = capped(Group.objects.order_by("name"))
    assert (len(rows), rows.total, rows.more, len(queries)) == (200, 200, 0, 1)
    assert rows[0].name == "g000" and rows == list(Group.objects.order_by("name"))


def test_a_list_of_201_shows_the_first_200_and_counts_them_all():
    Group.objects.bulk_create([Group(name=f"g{n:03}") for n in range(201)])
    rows = capped(Group.objects.order_by("name"))
    assert (len(rows), rows.total, rows.more) == (200, 201, 1)
    assert rows[-1].name == "g199"


@pytest.mark.parametrize(
    ("prefix", "note"), [("", "Showing 200 of 203."), ("/zh-hant", "共203項，顯示其中200項。")]
)
def test_reg_8_the_vetting_queue_says_when_it_shows_the_oldest_200(client, prefix, note):
    first = submit_application()
    copies = []
    for n in range(202):
        copy = Application.objects.get(pk=first.pk)
        copy.pk = None
        copy.reference = f"COPY-{n:04}"
        copy.id_document_number = f"Z{n:06}"
        copies.append(copy)
    Application.objects.bulk_create(copies)
    client.force_login(StaffFactory(role=Role.VETTING))
    page = client.get(f"{prefix}/backoffice/vetting/").content.decode()
    assert note in page
    assert page.count("/backoffice/applications/") >= 200
    Application.objects.exclude(pk=first.pk).delete()
    assert "capped-note" not in client.get(f"{prefix}/backoffice/vetting/").content.decode()


def _link_requests(count: int, **fields) -> None:
    """`count` pending requests to link, copies of one made by the factory."""
    first = CaseLinkRequestFactory(**fields)
    copies = []
    for _ in range(count - 1):
        copy = CaseLinkRequest.objects.get(pk=first.pk)
        copy.pk = None
        copies.append(copy)
    CaseLinkRequest.objects.bulk_create(copies)


def test_case_3_the_registry_queue_api_gives_the_oldest_200_and_the_count_of_all_203():
    _link_requests(203)
    response = api_as(StaffFactory(role=Role.REGISTRY)).get(
        "/api/v1/backoffice/case-link-requests/"
    )
    assert response.status_code == 200
    assert len(response.json()) == 200
    assert response["X-Total-Count"] == "203"


def test_case_3_a_holders_short_list_in_the_api_says_its_whole_count():
    firm = OrganizationFactory()
    _link_requests(3, organization=firm)
    _link_requests(2)  # another holder's: neither listed nor counted
    pa = OrganizationAccountFactory(organization=firm, role=Role.PA)
    response = api_as(pa).get("/api/v1/case-link-requests/")
    assert response.status_code == 200
    assert len(response.json()) == 3
    assert response["X-Total-Count"] == "3"
