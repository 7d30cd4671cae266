"""Templated emails in the recipient's language, sent after the transaction commits."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from notifications.tasks import deliver_email

logger = logging.getLogger(__name__)


def email_render(*, template: str, context: dict, language: str) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}.subject.txt", context).strip()
        body = render_to_string(f"emails/{template}.body.txt", context)
    return " ".join(subject.split()), body


def email_send(
    *, to: str, template: str, context: dict, language: str, carries_secret: bool = False
) -> None:
    """Send an email once the surrounding transaction commits (never for a rolled-back change).

    Ordinary emails go through the task queue. One that carries an activation code or a
    Change Token is sent straight from this process, so that the secret is never written to
    a queue's storage; if it cannot be sent the Help Centre issues a new one."""
    subject, body = email_render(template=template, context=context, language=language)
    message = {"to": [to], "subject": subject, "body": body}
    if carries_secret:
        transaction.on_commit(partial(_deliver_now, template=template, **message))
    else:
        transaction.on_commit(partial(deliver_email.enqueue, **message))


def _deliver_now(*, template: str, to: list[str], subject: str, body: str) -> None:
    try:
        deliver_email.call(to=to, subject=subject, body=body)
    except Exception:
        # Neither the address nor the body: the body holds the secret.
        logger.exception("The %s email could not be sent", template)
