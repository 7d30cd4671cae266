"""What the lifecycle's daily jobs have done to an account, so that each is done once: a
de-activation notice (LIFE-3) per date of final disposal, a record that an SA's or OU's end date
has passed (ORG-5) per end date, a password change reminder (AUTH-6) per period. The account's
own moves (de-activated, terminated) are its status and the audit trail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    DEACTIVATION_NOTICE = "DEACTIVATION_NOTICE", _("De-activation notice sent")
    END_DATE_PASSED = "END_DATE_PASSED", _("Effective end date passed")
    PASSWORD_REMINDER = "PASSWORD_REMINDER", _("Password change reminder sent")


class LifecycleEvent(models.Model):
    # No index of its own: `one_lifecycle_event_per_basis` begins with it.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lifecycle_events",
        db_index=False,
    )
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    basis = models.DateField(
        help_text=(
            "What the event is for: the date of the last final disposal (LIFE-3), the end "
            "date (ORG-5), the day the password reminder fell due (AUTH-6)."
        )
    )
    due = models.DateField(
        null=True, blank=True, help_text="LIFE-3: the date of de-activation the notice states."
    )
    message = models.ForeignKey(
        "messaging.Message",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The Message Box message that told the holder, if one did.",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "kind", "basis"], name="one_lifecycle_event_per_basis"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="DEACTIVATION_NOTICE") | models.Q(due__isnull=False),
                name="deactivation_notice_states_its_date",
            ),
        ]

    def __str__(self):
        return f"{self.account_id}: {self.kind} {self.basis}"
