"""Email through a real SMTP server on loopback (aiosmtpd), read back from what it received."""

import email

import pytest

from notifications.services import email_send

pytestmark = pytest.mark.django_db(transaction=True)


def test_email_is_delivered_over_smtp_in_the_recipients_language(settings, smtp_server):
    controller, inbox = smtp_server
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": controller.hostname, "port": controller.port, "timeout": 5},
        }
    }
    email_send(
        to="applicant@example.com",
        template="application_received",
        language="en",
        context={
            "name": "Chan Tai Man",
            "reference": "IU2026000123",
            "due_date": None,
            "status_url": "http://127.0.0.1:8000/apply/status/x/",
        },
    )
    (received,) = inbox.messages
    assert received["To"] == "applicant@example.com"
    assert "IU2026000123" in received["Subject"]
    body = email.message_from_string(received.as_string()).get_payload(decode=True).decode()
    assert "Dear Chan Tai Man," in body
    assert "http://127.0.0.1:8000/apply/status/x/" in body
