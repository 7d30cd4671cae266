"""SVC-4 under real parallel debits on PostgreSQL: 20 fees paid at once from one deposit
account, each in its own thread with its own connection, released together by a barrier
(tests/test_concurrency.py's pattern). The account's row lock serializes them: exactly as many
succeed as the balance covers, the others are refused with nothing changed, the balance never
goes below zero and the ledger still adds up to it. Skipped on SQLite, which admits one writer
at a time."""

from decimal import Decimal

import pytest
from django.db import connection

from audit.models import AuditRecord
from payments.models import DepositAccount, EntryKind, LedgerEntry, Payment, PaymentStatus
from payments.selectors import ledger_total
from payments.services import InsufficientBalance, deposit_top_up, fee_pay_from_deposit
from permissions.roles import Role
from tests.factories import ApiOnlyAccountFactory, StaffFactory, organization_with_cases
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def test_svc_4_twenty_parallel_debits_never_take_the_account_below_zero():
    org = organization_with_cases()
    ous = [
        ApiOnlyAccountFactory(organization=org.organization, branch=org.central)
        for _n in range(PARALLEL)
    ]
    clerk = StaffFactory(role=Role.REGISTRY)
    # 100.00 covers 13 fees of 7.30 (94.90); the 14th would need 102.20.
    deposit_top_up(
        actor=clerk, organization_code=org.organization.code, amount="100.00", reference="S1"
    )

    def work(index):
        try:
            payment = fee_pay_from_deposit(
                actor=ous[index], purpose="FILING_FEE", reference=f"F{index}", amount="7.30"
            )
        except InsufficientBalance:
            return "refused"
        return payment.status

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    outcomes = [value for _kind, value in results]
    assert outcomes.count(PaymentStatus.SUCCEEDED) == 13
    assert outcomes.count("refused") == 7
    account = DepositAccount.objects.get(organization=org.organization)
    assert account.balance == Decimal("5.10")
    assert ledger_total(account) == account.balance
    debits = LedgerEntry.objects.filter(account=account, kind=EntryKind.DEBIT).order_by("pk")
    assert debits.count() == 13
    assert [entry.balance_after for entry in debits] == [
        Decimal("100.00") - Decimal("7.30") * n for n in range(1, 14)
    ]
    assert Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count() == 13
    assert Payment.objects.count() == 13  # a refused fee leaves no payment behind
    assert AuditRecord.objects.filter(action="deposit_account.debited").count() == 13
    assert_audit_chain_intact()


def test_svc_4_parallel_top_ups_and_debits_keep_the_ledger_balanced():
    org = organization_with_cases()
    clerk = StaffFactory(role=Role.REGISTRY)
    deposit_top_up(
        actor=clerk, organization_code=org.organization.code, amount="0.30", reference="S0"
    )

    def work(index):
        if index % 2:
            deposit_top_up(
                actor=clerk,
                organization_code=org.organization.code,
                amount="0.10",
                reference=f"S{index}",
            )
            return "topped up"
        try:
            fee_pay_from_deposit(
                actor=org.ou, purpose="FILING_FEE", reference=f"F{index}", amount="0.20"
            )
        except InsufficientBalance:
            return "refused"
        return "paid"

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    paid = [value for _kind, value in results].count("paid")
    account = DepositAccount.objects.get(organization=org.organization)
    assert account.balance == Decimal("0.30") + Decimal("0.10") * 10 - Decimal("0.20") * paid
    assert account.balance >= 0
    assert ledger_total(account) == account.balance
    assert_audit_chain_intact()


def test_svc_4_a_fee_refunded_by_two_clerks_at_once_goes_back_once():
    """Two clerks refund one fee paid from the deposit account at the same moment: one refund,
    one ledger entry, the balance restored once; the other is told it is refunded already."""
    from core.errors import InvalidTransition
    from payments.models import Refund
    from payments.services import payment_refund

    org = organization_with_cases()
    clerks = [StaffFactory(role=Role.REGISTRY) for _n in range(4)]
    deposit_top_up(
        actor=clerks[0], organization_code=org.organization.code, amount="100.00", reference="S1"
    )
    payment = fee_pay_from_deposit(
        actor=org.ou, purpose="FILING_FEE", reference="F1", amount="30.00"
    )

    results = run_in_parallel(
        4,
        lambda index: payment_refund(
            actor=clerks[index], payment_id=payment.pk, reasons="Filed in error."
        ),
    )
    assert [kind for kind, _value in results].count("ok") == 1, results
    assert all(
        isinstance(value, InvalidTransition) for kind, value in results if kind == "error"
    ), results
    account = DepositAccount.objects.get(organization=org.organization)
    assert account.balance == Decimal("100.00") == ledger_total(account)
    assert Refund.objects.count() == 1
    assert LedgerEntry.objects.filter(kind=EntryKind.REFUND).count() == 1
    assert AuditRecord.objects.filter(action="payment.refunded").count() == 1
    assert_audit_chain_intact()
