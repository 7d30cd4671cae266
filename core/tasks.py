from django.tasks import task

from core.held_uploads import held_uploads_expire


@task
def expire_held_uploads() -> int:
    """Daily: the files kept for forms sent back for corrections, once a day old."""
    return held_uploads_expire()
