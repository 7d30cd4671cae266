"""Work queues cost the same number of queries however long they are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permissions.roles import Role
from registration import services
from tests.factories import StaffFactory, submit_application

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
