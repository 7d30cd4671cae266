"""Work lists on a page (core.queues): a registry queue or a holder's record shows at most 200
rows and says how many there are in all when it shows fewer."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.queues import capped
from permissions.roles import Role
from registration.models import Application
from tests.factories import StaffFactory, submit_application

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
