import hashlib
import hmac
import json

from django.conf import settings
from django.db import models

ZERO_HASH = "0" * 64


def keyed_hash(payload: str) -> str:
    key = settings.AUDIT_CHAIN_KEY.encode()
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class AuditRecord(models.Model):
    """One change of state (OPS-2). Append-only. A record is written unsealed inside the
    transaction that makes the change; right after that transaction commits it is sealed:
    given the next `sequence` and the hash of the record before it, so any later edit or
    deletion breaks the chain that `verify_audit` checks."""

    # Empty until sealed (audit.services.audit_seal); unique once set.
    sequence = models.PositiveBigIntegerField(unique=True, null=True, blank=True, editable=False)
    at = models.DateTimeField(help_text="When the change was made.")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who made the change; empty for the system's scheduled jobs and the public.",
    )
    actor_label = models.CharField(max_length=150, help_text="Who, as shown at the time.")
    action = models.CharField(max_length=80, help_text="What happened, e.g. application.rejected.")
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    record_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # Keyed hash of the content, written with the record: while it waits to be sealed it
    # cannot be altered, nor a record inserted, without the key.
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        # Written order; records wait a moment for their sequence, so reads never rely on it.
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The sealer's work list stays small however long the trail grows.
            models.Index(
                fields=["id"],
                condition=models.Q(sequence__isnull=True),
                name="audit_record_unsealed",
            ),
        ]

    def __str__(self):
        number = f"#{self.sequence}" if self.sequence else "(unsealed)"
        return f"{number} {self.action} {self.object_type}:{self.object_id}"

    @property
    def sealed(self) -> bool:
        return self.sequence is not None

    def _content(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "before": self.before,
            "after": self.after,
        }

    def compute_content_hash(self) -> str:
        return keyed_hash(_canonical({"content": self._content()}))

    def compute_hash(self) -> str:
        """The link in the chain: content, place in the chain and the link before it."""
        return keyed_hash(
            _canonical(
                {
                    **self._content(),
                    "sequence": self.sequence,
                    "previous_hash": self.previous_hash,
                }
            )
        )

    def save(self, *args, **kwargs):
        # Sealing fills in the chain fields with a queryset update, never through save().
        if self.pk is not None:
            raise RuntimeError("Audit records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit records are append-only.")


class AuditChainHead(models.Model):
    """The end of the sealed chain: a single row locked by the sealer, so sealers take turns
    and the chain stays linear. `head_hash` covers the head with the chain key, so that
    deleting the newest records and rewinding the head is found without the key."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=ZERO_HASH)
    head_hash = models.CharField(max_length=64, blank=True)

    def compute_head_hash(self) -> str:
        return keyed_hash(f"head:{self.last_sequence}:{self.last_hash}")
