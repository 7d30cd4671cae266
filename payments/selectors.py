"""e-Payments (SVC-4): the reads. Each returns only what the reader may see (ROLE-1):
another organization's deposit account, or another payer's payment, is "not found" exactly
like one that does not exist (ROLE-2)."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Sum
from django.utils import timezone

from core.errors import NotFound
from core.queues import capped
from payments.models import DepositAccount, EntryKind, LedgerEntry, Payment
from payments.purposes import descriptions
from payments.tokens import token_hash
from permissions.roles import Capability, can, require, scope


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# The most entries a statement shows on its page and in the API, oldest first: a busy firm's
# year of filings runs to tens of thousands (megabytes in one answer). The CSV holds them all.
STATEMENT_MAX_ENTRIES = 1000


@dataclass(frozen=True)
class Statement:
    account: DepositAccount
    entries: list[LedgerEntry]  # a core.queues.Capped list when cut: .total counts them all
    date_from: date | None
    date_to: date | None
    opening_balance: object  # Decimal: the balance before the first entry shown


def deposit_accounts(*, actor):
    """The deposit accounts the actor may see: its own organization's, for its PA and SAs."""
    require(actor, Capability.VIEW_DEPOSIT_ACCOUNT)
    return scope(
        DepositAccount.objects.select_related("organization"),
        actor,
        Capability.VIEW_DEPOSIT_ACCOUNT,
    ).order_by("pk")


def deposit_account(*, actor, account_id: int) -> DepositAccount:
    account = deposit_accounts(actor=actor).filter(pk=account_id).first()
    if account is None:
        raise NotFound()
    return account


def own_deposit_account(*, actor) -> DepositAccount | None:
    """The actor's organization's deposit account; None until the registry's first top-up."""
    return deposit_accounts(actor=actor).first()


def balance_to_pay_from(*, actor):
    """The balance of the deposit account a holder may pay fees from (an OU or IU of its
    organization need not see the statement to know whether a fee will go through); None
    when it may not pay from one, or its organization has none yet."""
    if not can(actor, Capability.PAY_FROM_DEPOSIT_ACCOUNT) or actor.organization_id is None:
        return None
    return (
        DepositAccount.objects.filter(organization_id=actor.organization_id)
        .values_list("balance", flat=True)
        .first()
    )


def statement(
    *, actor, account_id: int, date_from=None, date_to=None, limit=STATEMENT_MAX_ENTRIES
) -> Statement:
    """The account's entries, oldest first, between two dates (Hong Kong time, inclusive): the
    first `limit` of them (None: all, for the CSV)."""
    account = deposit_account(actor=actor, account_id=account_id)
    entries = LedgerEntry.objects.filter(account=account).select_related("payment__receipt")
    if date_from:
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(at__lt=_start_of(date_to) + timezone.timedelta(days=1))
    entries = entries.order_by("pk")
    entries = capped(entries, limit) if limit else list(entries)
    # What each fee was for (the case, the document), for the firm's bills to its clients.
    details = descriptions([entry.payment for entry in entries if entry.payment_id])
    for entry in entries:
        entry.details = details.get(entry.payment_id, "")
    opening = entries[0].balance_after - entries[0].signed_amount if entries else account.balance
    return Statement(account, entries, date_from, date_to, opening)


def ledger_total(account: DepositAccount):
    """The sum of the account's entries, credits less debits: always its balance."""
    sums = dict(
        LedgerEntry.objects.filter(account=account)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    return (
        sums.get(EntryKind.TOP_UP, 0) + sums.get(EntryKind.REFUND, 0) - sums.get(EntryKind.DEBIT, 0)
    )


def payment(*, actor, payment_id: int) -> Payment:
    """A payment the actor may see: its own, its organization's for the PA and SAs, any for
    the registry."""
    require(actor, Capability.VIEW_PAYMENTS)
    visible = scope(Payment.objects.all(), actor, Capability.VIEW_PAYMENTS, prefix="account__")
    found = visible.select_related("receipt", "organization").filter(pk=payment_id).first()
    if found is None:
        raise NotFound()
    return found


def payment_by_token(*, token: str) -> Payment:
    """A payment made without logging in, through its secret link (GEN-3)."""
    found = (
        Payment.objects.select_related("receipt")
        .filter(access_token_hash=token_hash(token or ""))
        .first()
    )
    if found is None or not token:
        raise NotFound()
    return found
