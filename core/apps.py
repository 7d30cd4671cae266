from datetime import time

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import checks  # noqa: F401 - registers the deployment checks
        from core.scheduler import daily_job

        # Files kept for forms sent back for corrections, once a day old.
        daily_job("expire_held_uploads", "core.tasks.expire_held_uploads", at=time(0, 20))
        # The stored answers of the API's requests with an Idempotency-Key, once a day old.
        daily_job("expire_idempotency_keys", "core.tasks.expire_idempotency_keys", at=time(0, 25))
