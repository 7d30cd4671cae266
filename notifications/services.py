"""Templated emails in the recipient's language, sent after the transaction commits."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from notifications.tasks import deliver_email


def email_render(*, template: str, context: dict, language: str) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}.subject.txt", context).strip()
        body = render_to_string(f"emails/{template}.body.txt", context)
    return " ".join(subject.split()), body


def email_send(*, to: str, template: str, context: dict, language: str) -> None:
    """Queue an email; it leaves only if the surrounding transaction commits."""
    subject, body = email_render(template=template, context=context, language=language)
    transaction.on_commit(partial(deliver_email.enqueue, to=[to], subject=subject, body=body))
