from django.tasks import task

from core.held_uploads import held_uploads_expire
from core.idempotency import idempotency_keys_expire


@task
def expire_held_uploads() -> int:
    """Daily: the files kept for forms sent back for corrections, once a day old."""
    return held_uploads_expire()


@task
def expire_idempotency_keys() -> int:
    """Daily: the stored answers of the API's requests with an Idempotency-Key, once
    IDEMPOTENCY_KEY_KEPT_FOR old."""
    return idempotency_keys_expire()
