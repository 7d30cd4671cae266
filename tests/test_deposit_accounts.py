"""SVC-4: an organization's deposit account, a prepaid ledger. The registry records top-ups
with their reference, audited; an OU's fee is debited at once under the account's row lock, or
refused with nothing changed when the balance is not enough, never below zero; the ledger
always balances (the entries add up to the balance); money is exact (Decimal, HKD), tested
with amounts that do not add up in binary floating point. The statement (page, CSV, API) is
the organization's PA's and SAs' only: another organization's is not found (ROLE-1, ROLE-2)."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape
from rest_framework.test import APIClient

from audit.models import AuditRecord
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.money import NotMoney, format_hkd, money, parse_hkd
from payments.models import DepositAccount, EntryKind, LedgerEntry, Payment, PaymentStatus
from payments.selectors import ledger_total, statement
from payments.services import (
    InsufficientBalance,
    deposit_top_up,
    fee_pay_from_deposit,
    payment_refund,
)
from permissions.roles import Role
from tests.factories import StaffFactory, organization_with_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def org():
    return organization_with_cases()


def top_up(clerk, org, amount, reference="SLIP-0001"):
    return deposit_top_up(
        actor=clerk,
        organization_code=org.organization.code,
        amount=amount,
        reference=reference,
        reasons="Cheque received at the registry",
    )


def pay(org, amount, reference="FIL-2026-0001"):
    return fee_pay_from_deposit(
        actor=org.ou, purpose="FILING_FEE", reference=reference, amount=amount
    )


def account_of(org) -> DepositAccount:
    return DepositAccount.objects.get(organization=org.organization)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- money ----------------------------------------------------------------------------------


def test_svc_4_money_is_exact_decimal_hkd():
    assert money("0.10") + money("0.20") == Decimal("0.30")
    assert 0.1 + 0.2 != 0.3  # what a float would have made of it
    assert parse_hkd("HK$1,234.5") == Decimal("1234.50")
    assert parse_hkd("港幣1,234.50元") == Decimal("1234.50")
    assert format_hkd(Decimal("1234.5")) == "HK$1,234.50"
    assert format_hkd(Decimal("-0.3")) == "-HK$0.30"
    for bad in (0.1, "0.001", "12,34.00", "abc", "NaN"):
        with pytest.raises(NotMoney):
            money(bad) if not isinstance(bad, str) or "," not in bad else parse_hkd(bad)


def test_svc_4_fees_that_do_not_add_up_in_floating_point_are_debited_to_the_cent(clerk, org):
    top_up(clerk, org, "0.30")
    pay(org, "0.10", reference="A")
    pay(org, "0.20", reference="B")
    account = account_of(org)
    assert account.balance == Decimal("0.00")
    assert ledger_total(account) == Decimal("0.00")
    with pytest.raises(InsufficientBalance):
        pay(org, "0.01", reference="C")


# --- top-ups --------------------------------------------------------------------------------


def test_svc_4_top_up_opens_the_account_and_is_audited(clerk, org):
    entry = top_up(clerk, org, "5,000.00")
    account = account_of(org)
    assert account.balance == Decimal("5000.00")
    assert (entry.kind, entry.amount, entry.balance_after) == (
        EntryKind.TOP_UP,
        Decimal("5000.00"),
        Decimal("5000.00"),
    )
    assert (entry.reference, entry.recorded_by_id) == ("SLIP-0001", clerk.pk)
    record = AuditRecord.objects.get(action="deposit_account.topped_up")
    assert record.actor_id == clerk.pk
    assert record.before == {"balance": "0.00"}
    assert record.after == {"balance": "5000.00", "amount": "5000.00", "reference": "SLIP-0001"}
    top_up(clerk, org, "0.05", reference="SLIP-0002")
    assert account_of(org).balance == Decimal("5000.05")


def test_svc_4_top_up_is_the_registrys(org):
    for actor in (org.pa, org.sa, org.ou, StaffFactory(role=Role.HELP_CENTRE)):
        with pytest.raises(NotPermitted):
            deposit_top_up(
                actor=actor,
                organization_code=org.organization.code,
                amount="100",
                reference="X",
            )
    assert not DepositAccount.objects.exists()


def test_svc_4_top_up_refuses_bad_input_with_nothing_changed(clerk, org):
    for amount in ("0", "-5", "1.005", "lots"):
        with pytest.raises(ValidationFailed) as refused:
            top_up(clerk, org, amount)
        assert "amount" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        deposit_top_up(actor=clerk, organization_code="NOSUCH", amount="10", reference="")
    assert set(refused.value.errors) == {"organization_code", "reference"}
    assert not LedgerEntry.objects.exists()


def test_svc_4_staff_top_up_page(client, clerk, org):
    client.force_login(clerk)
    url = reverse("backoffice:deposit_top_up_new")
    assert client.get(url).status_code == 200
    values = {
        "organization_code": org.organization.code.lower(),
        "amount": "HK$1,234.50",
        "reference": "CHQ 123456",
        "reasons": "",
    }
    # Asked first: the organization the code names and the amount, nothing recorded yet.
    asked = client.post(url, values)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert f"Record HK$1,234.50 for {escape(org.organization.name)}?" in page
    assert 'name="confirm" value="yes"' in page and 'value="HK$1,234.50"' in page
    assert f"({org.organization.code_display})" in page  # the code as holders see it
    assert not LedgerEntry.objects.exists()
    response = client.post(url, {**values, "confirm": "yes"}, follow=True)
    assert "HK$1,234.50" in response.content.decode()
    assert account_of(org).balance == Decimal("1234.50")
    response = client.post(url, {"organization_code": "", "amount": "1.234", "reference": ""})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert LedgerEntry.objects.count() == 1


def test_svc_4_staff_top_up_api(clerk, org):
    response = api(clerk).post(
        "/api/v1/backoffice/deposit-accounts/top-ups/",
        {"organization_code": org.organization.code, "amount": "250.10", "reference": "T1"},
        "json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["account"]["balance"] == "250.10"
    assert response.json()["entry"]["kind"] == "TOP_UP"
    response = api(org.pa).post(
        "/api/v1/backoffice/deposit-accounts/top-ups/",
        {"organization_code": org.organization.code, "amount": "1", "reference": "T2"},
        "json",
    )
    assert response.status_code == 403


# --- debits -----------------------------------------------------------------------------------


def test_svc_4_fee_debited_from_the_deposit_account_with_a_receipt(clerk, org):
    top_up(clerk, org, "1000.00")
    payment = pay(org, "630.00")
    assert payment.status == PaymentStatus.SUCCEEDED
    assert (payment.purpose, payment.reference, payment.method) == (
        "FILING_FEE",
        "FIL-2026-0001",
        "DEPOSIT",
    )
    assert payment.receipt.number.startswith("R")
    account = account_of(org)
    assert account.balance == Decimal("370.00")
    debit = LedgerEntry.objects.get(kind=EntryKind.DEBIT)
    assert (debit.amount, debit.balance_after, debit.payment_id) == (
        Decimal("630.00"),
        Decimal("370.00"),
        payment.pk,
    )
    assert debit.reference == payment.receipt.number
    actions = list(AuditRecord.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == ["payment.created", "deposit_account.debited", "payment.succeeded"]


def test_svc_4_insufficient_balance_refused_with_nothing_changed(clerk, org):
    top_up(clerk, org, "100.00")
    before = (
        Payment.objects.count(),
        LedgerEntry.objects.count(),
        AuditRecord.objects.count(),
    )
    with pytest.raises(InsufficientBalance) as refused:
        pay(org, "100.01")
    assert refused.value.status == 409
    assert "does not hold enough" in str(refused.value.message)
    assert account_of(org).balance == Decimal("100.00")
    assert (
        Payment.objects.count(),
        LedgerEntry.objects.count(),
        AuditRecord.objects.count(),
    ) == before


def test_svc_4_no_account_yet_is_insufficient(org):
    with pytest.raises(InsufficientBalance):
        pay(org, "1.00")
    assert not Payment.objects.exists()


def test_svc_4_only_an_ou_of_the_organization_pays_from_its_account(clerk, org):
    top_up(clerk, org, "100.00")
    for actor in (org.pa, org.sa, clerk):
        with pytest.raises(NotPermitted):
            fee_pay_from_deposit(actor=actor, purpose="FILING_FEE", reference="X", amount="1")
    assert account_of(org).balance == Decimal("100.00")


def test_svc_4_balance_never_below_zero_in_the_database(clerk, org):
    top_up(clerk, org, "1.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        DepositAccount.objects.filter(organization=org.organization).update(
            balance=Decimal("-0.01")
        )


def test_svc_4_ledger_always_balances(clerk, org):
    top_up(clerk, org, "1000.00")
    paid = [
        pay(org, amount, reference=f"F{i}") for i, amount in enumerate(["0.10", "0.20", "99.99"])
    ]
    payment_refund(actor=clerk, payment_id=paid[1].pk, reasons="The filing was rejected.")
    top_up(clerk, org, "0.01", reference="SLIP-2")
    account = account_of(org)
    assert account.balance == Decimal("899.92")
    assert ledger_total(account) == account.balance
    entries = list(LedgerEntry.objects.filter(account=account).order_by("pk"))
    running = Decimal("0")
    for entry in entries:
        running += entry.signed_amount
        assert entry.balance_after == running


def test_svc_4_refund_to_the_deposit_account_once(clerk, org):
    top_up(clerk, org, "50.00")
    payment = pay(org, "20.00")
    with pytest.raises(ValidationFailed):
        payment_refund(actor=clerk, payment_id=payment.pk, reasons=" ")
    with pytest.raises(NotPermitted):
        payment_refund(actor=org.pa, payment_id=payment.pk, reasons="Please")
    refund = payment_refund(actor=clerk, payment_id=payment.pk, reasons="Filing rejected.")
    assert refund.ledger_entry.kind == EntryKind.REFUND
    assert account_of(org).balance == Decimal("50.00")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    response = api(clerk).post(
        f"/api/v1/backoffice/payments/{payment.pk}/refund/", {"reasons": "Again"}, "json"
    )
    assert response.status_code == 409
    assert account_of(org).balance == Decimal("50.00")
    assert AuditRecord.objects.filter(action="payment.refunded").count() == 1


# --- statements -------------------------------------------------------------------------------


def test_svc_4_statement_page_for_the_pa_and_sas(client, clerk, org):
    top_up(clerk, org, "1000.00")
    pay(org, "630.00")
    account = account_of(org)
    for holder in (org.pa, org.sa):
        client.force_login(holder)
        response = client.get(reverse("payments:own_deposit_account"))
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "HK$370.00" in page and "HK$630.00" in page and "SLIP-0001" in page
        assert "Filing fee FIL-2026-0001" in page
    # The fee's name and its reference as Chinese writes them, without a space.
    chinese = client.get("/zh-hant" + reverse("payments:deposit_account", args=[account.pk])).text
    assert "存檔費用FIL-2026-0001" in chinese
    client.force_login(org.ou)
    assert client.get(reverse("payments:deposit_account", args=[account.pk])).status_code == 403


def test_svc_4_statement_csv_is_formula_safe(client, clerk, org):
    deposit_top_up(
        actor=clerk,
        organization_code=org.organization.code,
        amount="1000.00",
        reference='=HYPERLINK("http://evil")',
    )
    pay(org, "0.10")
    client.force_login(org.pa)
    response = client.get(reverse("payments:deposit_statement_csv", args=[account_of(org).pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Date and time", "Entry", "Reference"]
    assert rows[1][1:] == [
        "Top-up",
        '\'=HYPERLINK("http://evil")',
        "",
        "",
        "",
        "1000.00",
        "1000.00",
        "",
    ]
    assert rows[2][1] == "Payment" and rows[2][5:8] == ["0.10", "", "999.90"]


def test_svc_4_statement_api_and_csv(clerk, org):
    top_up(clerk, org, "10.00")
    pay(org, "0.30")
    account = account_of(org)
    client = api(org.sa)
    listing = client.get("/api/v1/deposit-accounts/").json()
    assert [a["id"] for a in listing] == [account.pk]
    assert listing[0]["balance"] == "9.70" and listing[0]["currency"] == "HKD"
    body = client.get(f"/api/v1/deposit-accounts/{account.pk}/statement/").json()
    assert [(e["kind"], e["amount"], e["balance_after"]) for e in body["entries"]] == [
        ("TOP_UP", "10.00", "10.00"),
        ("DEBIT", "0.30", "9.70"),
    ]
    assert body["opening_balance"] == "0.00"
    csv_response = client.get(f"/api/v1/deposit-accounts/{account.pk}/statement.csv")
    assert csv_response.status_code == 200
    assert b"9.70" in b"".join(csv_response.streaming_content)


def test_svc_4_a_long_statement_shows_its_first_1000_entries_and_says_how_many(client, clerk, org):
    """1,002 entries: the page and the API list the first 1,000, oldest first, and say there
    are 1,002; the CSV holds all of them."""
    top_up(clerk, org, "1.00")  # opens the account, entry 1
    account = account_of(org)
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            account=account,
            kind=EntryKind.TOP_UP,
            amount=Decimal("1.00"),
            balance_after=Decimal(n + 2),
            reference=f"SLIP-{n + 2:04d}",
        )
        for n in range(1001)
    )
    body = api(org.pa).get(f"/api/v1/deposit-accounts/{account.pk}/statement/")
    assert len(body.json()["entries"]) == 1000
    assert body["X-Total-Count"] == "1002"
    assert body.json()["entries"][-1]["reference"] == "SLIP-1000"
    client.force_login(org.pa)
    page = client.get(reverse("payments:deposit_account", args=[account.pk])).content.decode()
    assert "Showing 1000 of 1002." in page and "SLIP-1000" in page and "SLIP-1001" not in page
    chinese = client.get(
        "/zh-hant" + reverse("payments:deposit_account", args=[account.pk])
    ).content.decode()
    assert "共1002項，顯示其中1000項。" in chinese
    csv_response = client.get(reverse("payments:deposit_statement_csv", args=[account.pk]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 1 + 1002


def test_svc_4_another_organizations_statement_is_not_found(client, clerk, org):
    other = organization_with_cases(name="Other & Co.")
    top_up(clerk, org, "10.00")
    top_up(clerk, other, "20.00", reference="OTHER")
    theirs = account_of(other).pk
    with pytest.raises(NotFound):
        statement(actor=org.pa, account_id=theirs)
    client.force_login(org.pa)
    assert client.get(reverse("payments:deposit_account", args=[theirs])).status_code == 404
    assert client.get(reverse("payments:deposit_statement_csv", args=[theirs])).status_code == 404
    for path in (
        f"/api/v1/deposit-accounts/{theirs}/statement/",
        f"/api/v1/deposit-accounts/{theirs}/statement.csv",
        "/api/v1/deposit-accounts/999999/statement/",
    ):
        response = api(org.sa).get(path)
        assert response.status_code == 404, path
    assert [a["id"] for a in api(org.pa).get("/api/v1/deposit-accounts/").json()] == [
        account_of(org).pk
    ]
    # An OU and court staff do not see statements at all.
    assert api(org.ou).get(f"/api/v1/deposit-accounts/{theirs}/statement/").status_code == 403
    assert api(clerk).get("/api/v1/deposit-accounts/").status_code == 403


def test_svc_4_payment_seen_by_payer_and_administrators_not_by_another_organization(clerk, org):
    other = organization_with_cases(name="Other & Co.")
    top_up(clerk, org, "10.00")
    payment = pay(org, "1.00")
    for viewer in (org.ou, org.pa, org.sa, clerk):
        response = api(viewer).get(f"/api/v1/payments/{payment.pk}/")
        assert response.status_code == 200, viewer.role
        assert response.json()["receipt"]["number"] == payment.receipt.number
    for viewer in (org.ou2, other.pa, other.ou):
        assert api(viewer).get(f"/api/v1/payments/{payment.pk}/").status_code == 404


def test_svc_4_a_top_up_reads_the_organization_code_as_shown_or_typed(clerk, org):
    """The code as the organization's page shows it (K7QM4-XPD2R), in lower case, or in
    full-width forms: the same organization, as at login (AUTH-2)."""
    code = org.organization.code
    shown = org.organization.code_display
    assert "-" in shown
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in code.lower())
    for typed in (shown, f" {shown.lower()} ", full_width):
        deposit_top_up(
            actor=clerk, organization_code=typed, amount="10.00", reference=f"SLIP {typed}"
        )
    assert account_of(org).balance == Decimal("30.00")
    with pytest.raises(ValidationFailed) as refused:
        deposit_top_up(actor=clerk, organization_code=code[:-1], amount="1.00", reference="S")
    assert "organization_code" in refused.value.errors
