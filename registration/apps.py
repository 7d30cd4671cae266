from datetime import time

from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = "Registration applications"

    def ready(self):
        from core.scheduler import daily_job

        # IDA-3: applications not authenticated within 30 calendar days, just after midnight.
        daily_job(
            "expire_unauthenticated_applications",
            "registration.tasks.expire_unauthenticated_applications",
            at=time(0, 5),
        )
