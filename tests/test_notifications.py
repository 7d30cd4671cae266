"""Emails: ordinary ones through the task queue, secret-bearing ones never (AUTH-6)."""

import pytest
from django.core import mail
from django.tasks.signals import task_enqueued

from accounts import services
from tests.factories import RESET_REQUEST, UserFactory, submit_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result.kwargs)

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def test_auth_6_change_token_email_is_not_written_to_the_queue(queued, help_centre_officer):
    holder = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=holder.login_name, **RESET_REQUEST
    )
    assert "Change Token" in mail.outbox[-1].body
    assert queued == []


def test_ordinary_emails_go_through_the_queue(queued):
    application = submit_application()
    assert len(queued) == 1
    assert application.reference in queued[0]["subject"]


def test_nothing_is_sent_when_the_change_rolls_back(help_centre_officer):
    from django.db import transaction

    holder = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.change_token_issue(
            actor=help_centre_officer, login_name=holder.login_name, **RESET_REQUEST
        )
        raise RuntimeError("a later step failed")
    assert mail.outbox == []
