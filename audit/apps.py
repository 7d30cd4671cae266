from datetime import time

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from core.scheduler import daily_job

        # A backstop: records are sealed just after their transaction commits; this seals any
        # whose process ended before it could.
        daily_job("seal_audit_records", "audit.tasks.seal_audit_records", at=time(0, 10))
