from django.db import models


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
