from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The lifecycle's daily jobs, at Hong Kong times: the ends first, just after midnight, so that
# an account ends on the first minutes of its day; the reminders in the morning, ready in the
# Message Box when the holders start work, and counted in that evening's day-end reminder.
JOB_TIMES = {
    # ORG-5: the day after an SA's or OU's effective end date.
    "end_sub_accounts_past_end_date": time(0, 10),
    # LIFE-4: the day after a prospective litigant's filing deadline.
    "terminate_unlinked_prospective_litigants": time(0, 15),
    # LIFE-3: notices one month ahead, and the de-activations on their day.
    "deactivate_after_final_disposal": time(0, 20),
    # AUTH-6: password change reminders.
    "send_password_change_reminders": time(7, 0),
}


class LifecycleConfig(AppConfig):
    name = "lifecycle"
    verbose_name = _("Account lifecycle")

    def ready(self):
        from core.scheduler import daily_job

        for name, at in JOB_TIMES.items():
            daily_job(name, f"lifecycle.tasks.{name}", at=at)
