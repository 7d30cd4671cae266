"""e-Payments (SVC-4): an organization's deposit account (a prepaid ledger), a payment per fee,
its receipt and its refund, and the payment gateway's events as they arrived.

A payment says what it pays for with a purpose code and a reference string (e.g. FILING_FEE and
the filing's reference), never a foreign key: the apps that charge fees sit above this one and
look their payments up by (purpose, reference). Every write goes through `payments.services`;
these models hold data and invariants only."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import DECIMAL_PLACES, MAX_DIGITS


def _money_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, **kwargs
    )


class DepositAccount(models.Model):
    """An organization's prepaid account: topped up by the registry, debited by fees. The
    balance is kept here, under this row's lock, and is never below zero (a CHECK in the
    database as well as in the service)."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.PROTECT, related_name="deposit_account"
    )
    balance = _money_field(_("balance"), default=0)
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="deposit_account_balance_not_negative"
            )
        ]

    def __str__(self):
        return str(self.organization)


class EntryKind(models.TextChoices):
    TOP_UP = "TOP_UP", _("Top-up")
    DEBIT = "DEBIT", _("Payment")
    REFUND = "REFUND", _("Refund")


class LedgerEntry(models.Model):
    """One movement of a deposit account, never changed afterwards. `amount` is positive; the
    kind says which way it moved. `balance_after` is the account's balance once this entry was
    made, so a statement reads as a bank statement and the sum of the entries is the balance."""

    # No index of its own: `ledger_entries_of_an_account` begins with it.
    account = models.ForeignKey(
        DepositAccount, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    amount = _money_field(_("amount"))
    balance_after = _money_field(_("balance"))
    # A top-up: the bank-in slip, cheque or transfer number; a payment or refund: the receipt.
    reference = models.CharField(_("reference"), max_length=100)
    reasons = models.TextField(_("note"), blank=True)
    payment = models.ForeignKey(
        "Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["account", "pk"]
        indexes = [
            # A statement between two dates reads that stretch of the account's entries, not
            # all of them since the account opened.
            models.Index(fields=["account", "at"], name="ledger_entries_of_an_account"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="ledger_entry_balance_not_negative"
            ),
        ]

    @property
    def signed_amount(self):
        return -self.amount if self.kind == EntryKind.DEBIT else self.amount


class PaymentPurpose(models.TextChoices):
    """What a payment pays for. The charging app keeps its own record under `reference`."""

    FILING_FEE = "FILING_FEE", _("Filing fee")
    SEARCH_FEE = "SEARCH_FEE", _("Search fee")
    TRANSLATION_FEE = "TRANSLATION_FEE", _("Translation certification fee")


# GEN-3 [A4]: payments that need no identity; anyone may make them without logging in.
PUBLIC_PURPOSES = frozenset({PaymentPurpose.SEARCH_FEE})


class PaymentMethod(models.TextChoices):
    DEPOSIT = "DEPOSIT", _("Deposit account")
    GATEWAY = "GATEWAY", _("Card or FPS")


class FeePayment(models.TextChoices):
    """How a fee the court charges (a filing's, a certification's) is paid: nothing when none
    is due."""

    NONE = "", _("No fee due")
    DEPOSIT = "DEPOSIT", _("From the organization's deposit account")
    GATEWAY = "GATEWAY", _("By card or FPS")


class FeeBearing(models.Model):
    """What a request to the registry that costs a fee holds, whatever it asks for (a filing, a
    certification of a translation): its reference, which the fee's payments name; the fee
    and how it is paid; when it reached the registry's queue; and the registry's decision, with
    its reasons. Each concrete model adds its applicant (`account`, who pays), its `status`
    and what it asks for; its transitions come from `payments.transitions.fee_transitions`."""

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    fee = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    fee_payment = models.CharField(max_length=10, choices=FeePayment.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When it reached the registry's queue (paid, or no fee due): its date and time of filing.
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reasons = models.TextField(blank=True)

    class Meta:
        abstract = True


class PaymentStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting payment")
    SUCCEEDED = "SUCCEEDED", _("Paid")
    FAILED = "FAILED", _("Not paid")
    REFUNDED = "REFUNDED", _("Refunded")


class Payment(models.Model):
    """One fee, paid once. `account` is the payer's account (None: paid without logging in,
    GEN-3) and `organization` its organization, which the permission rules read (ROLE-1)."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=PaymentPurpose.choices)
    reference = models.CharField(_("paid for"), max_length=100, blank=True)
    amount = _money_field(_("amount"))
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices)
    status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    deposit_account = models.ForeignKey(
        DepositAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    # A payment made without logging in is followed through a secret link; only its keyed
    # hash is kept.
    access_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    gateway = models.CharField(max_length=20, blank=True)
    gateway_session_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(
                fields=["gateway", "gateway_session_id"],
                condition=~Q(gateway_session_id=""),
                name="payment_gateway_session_unique",
            ),
        ]
        indexes = [models.Index(fields=["purpose", "reference"])]

    def __str__(self):
        # "Filing fee F2026-00000001"; Chinese writes the reference against the words.
        if not self.reference:
            return str(self.get_purpose_display())
        return _("%(purpose)s %(reference)s") % {
            "purpose": self.get_purpose_display(),
            "reference": self.reference,
        }


class Receipt(models.Model):
    """The receipt of a payment that succeeded: a unique number, printed on its page and PDF."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="receipt")
    number = models.CharField(_("receipt number"), max_length=20, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.number


class Refund(models.Model):
    """A payment given back, whole: to the deposit account it came from (with its ledger
    entry), or, for a card or FPS payment, recorded for the gateway's refund."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="refund")
    amount = _money_field(_("amount"))
    reasons = models.TextField(_("reasons"))
    ledger_entry = models.OneToOneField(
        LedgerEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gateway_reference = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
        ]


class GatewayEvent(models.Model):
    """A signed event the gateway sent, kept once per (gateway, event id): a replay of the
    same event finds it here and changes nothing."""

    gateway = models.CharField(max_length=20)
    event_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=60)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="gateway_events"
    )
    # What the event did: "settled", "ignored" (the payment was no longer pending).
    outcome = models.CharField(max_length=20)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gateway", "event_id"], name="gateway_event_once")
        ]
