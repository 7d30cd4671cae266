from django.conf import settings
from django.db import models
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder


class ScheduledJobRun(models.Model):
    """One run of a daily job. The unique pair makes a second scheduler, or a restart, on the
    same day a no-op."""

    job = models.CharField(max_length=100)
    run_date = models.DateField(help_text="The Hong Kong date the run is for.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "run_date"], name="one_run_per_job_per_day")
        ]

    def __str__(self):
        return f"{self.job} {self.run_date}"


class WorkerHeartbeat(models.Model):
    """A live background worker (`manage.py run_worker`), stamped every few seconds. A worker
    whose stamp is old is dead: the tasks it had claimed are put back in the queue
    (core.worker; docs/decisions.md, "Background worker and scheduler")."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"


class HeldUpload(models.Model):
    """A file a form received with a sending it sent back for corrections (a filing, an
    application for certification of a translation, a document the registry issues, an online
    application for an account), kept so that it need not be chosen again: only for the one who
    sent it (by a secret token the form carries), for HELD_UPLOAD_FOR, then removed by the daily
    job. The one who sent it is an `account`, or, for an applicant who has none yet, a `holder`:
    a random id kept in that browser's session (core.held_uploads.SessionHolder); never both.
    The bytes lie in the default storage under `storage_name`; the service the form calls
    checks them again, as it checks every file."""

    token = models.CharField(max_length=64, unique=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    holder = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    file_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=200)
    held_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set while a sending of its form files it (core.held_uploads.held_uploads_sending).
    sending_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["held_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(account__isnull=False, holder__isnull=True)
                    | models.Q(account__isnull=True, holder__isnull=False)
                ),
                name="held_upload_for_an_account_or_a_holder",
            )
        ]

    def __str__(self):
        return self.file_name


class IdempotentRequest(models.Model):
    """A write sent through the API with an `Idempotency-Key` header (core.idempotency): the
    key, unique per account, a digest of the request, and, once it has one, the answer given,
    so that a retry with the key gets that answer again instead of a second filing, payment or
    application. `status_code` is null while the first request is being processed. Removed by
    the daily job once IDEMPOTENCY_KEY_KEPT_FOR old."""

    # The unique pair (account, key) serves the account's lookups, so no index of its own.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request, in hex.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.JSONField(null=True, blank=True, encoder=JSONEncoder)
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="one_request_per_key")
        ]

    def __str__(self):
        return f"{self.account_id} {self.key}"
