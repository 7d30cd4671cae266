from django.tasks import task


@task
def send_owed_emails() -> int:
    """MSG-2, MSG-3: send every email the Message Box owes."""
    from messaging.services import owed_emails_send

    return owed_emails_send()


@task(takes_context=True)
def send_message_box_reminders(context) -> dict:
    """MSG-2, BEY-6: the day-end digest, for the Hong Kong day on which it was enqueued (so
    that a worker that runs it again after a crash, past midnight, owes nothing new)."""
    from django.utils import timezone

    from messaging.digest import message_box_reminders_send

    enqueued = context.task_result.enqueued_at or timezone.now()
    return message_box_reminders_send(day=timezone.localdate(enqueued))
