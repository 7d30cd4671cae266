from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Message Box")

    def ready(self):
        from core.scheduler import daily_job
        from messaging.digest import DIGEST_AT

        # MSG-2, BEY-6: the day-end reminder of unread messages (weekly ones on Fridays).
        daily_job(
            "send_message_box_reminders", "messaging.tasks.send_message_box_reminders", at=DIGEST_AT
        )
        # A safety net: emails owed but not sent (the mail server was down at the digest, or
        # an immediate email's worker died) leave the next morning.
        daily_job("send_owed_emails", "messaging.tasks.send_owed_emails", at=time(7, 0))
