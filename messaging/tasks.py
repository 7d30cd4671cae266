from django.tasks import task


@task
def send_owed_emails() -> int:
    """MSG-2, MSG-3: send every email the Message Box owes."""
    from messaging.services import owed_emails_send

    return owed_emails_send()
