"""SVC-1, SVC-4 under real parallel requests on PostgreSQL: each thread calls the e-filing
services in its own connection, all released together by a barrier (tests/test_concurrency.py's
`run_in_parallel`).

- 20 filings by an organization's OU at once, each paying its fee from the one deposit account
  that covers only some of them: exactly as many are filed as the balance covers, the others
  are refused with nothing left behind (no filing, no document, no payment), the balance never
  goes below zero and the ledger adds up to it; every filed document's bytes are in the
  content store, though all the filings sent the same PDF.
- The registry's acceptance and the filer's withdrawal of one filing at once: one wins, the
  other is refused; the fee goes back, or the documents join the case file, never both.
- Two acceptances of one filing at once: one acceptance, the documents once in the case file,
  one link.

Skipped on SQLite, which admits one writer at a time."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from rest_framework.test import APIClient

from cases.models import CaseLink, CaseParty, LinkRoute, PartyType
from core.errors import InvalidTransition
from documents.models import CaseDocument
from filing.models import FiledDocument, Filing, FilingStatus
from filing.services.filings import (
    DocumentToFile,
    filing_accept,
    filing_submit,
    filing_withdraw,
)
from filing.storage import content_store
from payments.models import (
    DepositAccount,
    EntryKind,
    LedgerEntry,
    Payment,
    PaymentStatus,
    Refund,
)
from payments.selectors import ledger_total
from payments.services import InsufficientBalance
from permissions.roles import Role
from tests.factories import ApiOnlyUserFactory, StaffFactory
from tests.filing_helpers import assigned_organization, fee_of, registry_clerk
from tests.pdfs import good_pdf
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.documents]

PARALLEL = 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture
def clerk():
    return registry_clerk()


def org_with_deposit(clerk, amount: str):
    """An organization whose OU is assigned to its DCPI case, `amount` in its deposit account."""
    return assigned_organization(clerk, amount=amount, reference="S1")


def file_defence(world, actor=None):
    return filing_submit(
        actor=actor or world.ou,
        case_number=world.case.number,
        documents=[
            DocumentToFile("DEF", SimpleUploadedFile("defence.pdf", good_pdf(), "application/pdf"))
        ],
        pay_by="DEPOSIT",
    ).filing


def account_of(world) -> DepositAccount:
    return DepositAccount.objects.get(organization=world.organization)


def test_svc_1_twenty_parallel_filings_never_take_the_deposit_account_below_zero(clerk):
    world = org_with_deposit(clerk, "100.00")
    # 100.00 covers 13 fees of 7.30 (94.90); the 14th would need 102.20.
    fee_of("DEF", "7.30")
    # Every filing sends the same bytes: one stored file that all the filings share.
    stored = content_store()

    def work(_index):
        try:
            return file_defence(world).status
        except InsufficientBalance:
            return "refused"

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    outcomes = [value for _kind, value in results]
    assert outcomes.count(FilingStatus.SUBMITTED) == 13
    assert outcomes.count("refused") == PARALLEL - 13
    account = account_of(world)
    assert account.balance == Decimal("5.10")
    assert ledger_total(account) == account.balance
    debits = LedgerEntry.objects.filter(account=account, kind=EntryKind.DEBIT).order_by("pk")
    assert [entry.balance_after for entry in debits] == [
        Decimal("100.00") - Decimal("7.30") * n for n in range(1, 14)
    ]
    # The refused leave nothing behind: no filing, no filed document, no payment.
    assert Filing.objects.count() == 13
    assert Filing.objects.filter(status=FilingStatus.SUBMITTED).count() == 13
    assert FiledDocument.objects.count() == 13
    assert Payment.objects.count() == 13
    assert Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count() == 13
    assert set(Payment.objects.values_list("reference", flat=True)) == set(
        Filing.objects.values_list("reference", flat=True)
    )
    # The bytes of every filed document are kept, whichever filing wrote them first.
    for document in FiledDocument.objects.all():
        assert stored.exists(document.sha256), document.filing.reference
    assert_audit_chain_intact()


def test_svc_1_twenty_parallel_api_filings_201_or_409_and_the_ledger_balances(clerk):
    """The same race through POST /api/v1/filings/, as a firm's own system would send it:
    each request in its own thread and connection, 201 for those the balance covers and 409
    insufficient_balance for the others, never a 500."""
    world = org_with_deposit(clerk, "100.00")
    fee_of("DEF", "7.30")

    def work(index):
        client = APIClient()
        client.force_authenticate(world.ou)
        response = client.post(
            "/api/v1/filings/",
            {
                "case_number": world.case.number,
                "pay_by": "DEPOSIT",
                "documents-0-document_type": "DEF",
                "documents-0-file": SimpleUploadedFile(
                    "defence.pdf", good_pdf(1 + index % 3), "application/pdf"
                ),
            },
            format="multipart",
        )
        return response.status_code, response.json().get("code")

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    outcomes = sorted(value for _kind, value in results)
    assert outcomes == [(201, None)] * 13 + [(409, "insufficient_balance")] * 7
    account = account_of(world)
    assert account.balance == Decimal("5.10")
    assert ledger_total(account) == account.balance
    assert Filing.objects.count() == Payment.objects.count() == 13
    assert_audit_chain_intact()


def test_svc_1_the_same_pdf_filed_at_once_by_one_who_cannot_pay_and_one_who_can_is_kept(clerk):
    """Two organizations file the same bytes at once (a form every firm files); one has no
    money in its deposit account. Whichever wrote the bytes first, the refused filing's
    rollback never takes away the file the other's filing refers to."""
    rich = org_with_deposit(clerk, "1000.00")
    poor = org_with_deposit(clerk, "0.01")
    fee_of("DEF", "7.30")
    stored = content_store()
    for pages in range(1, 5):  # new bytes each round: nobody has stored them yet
        content = good_pdf(pages)

        def work(index, content=content):
            world = rich if index % 2 else poor
            try:
                return filing_submit(
                    actor=world.ou,
                    case_number=world.case.number,
                    documents=[
                        DocumentToFile(
                            "DEF", SimpleUploadedFile("form.pdf", content, "application/pdf")
                        )
                    ],
                    pay_by="DEPOSIT",
                ).filing.status
            except InsufficientBalance:
                return "refused"

        results = run_in_parallel(10, work)
        assert all(kind == "ok" for kind, _value in results), results
        assert sorted(value for _kind, value in results) == ["SUBMITTED"] * 5 + ["refused"] * 5
        for document in FiledDocument.objects.all():
            assert stored.exists(document.sha256), (pages, document.filing.reference)
    assert Filing.objects.filter(organization=poor.organization).count() == 0
    assert account_of(poor).balance == Decimal("0.01")
    assert account_of(rich).balance == Decimal("1000.00") - Decimal("7.30") * 20


def test_svc_1_parallel_acceptance_and_withdrawal_one_wins_never_both(clerk):
    world = org_with_deposit(clerk, "1000.00")
    fee_of("DEF", "63.00")
    filings = [file_defence(world) for _n in range(5)]
    assert account_of(world).balance == Decimal("685.00")

    def work(index):
        filing = filings[index // 2]
        try:
            if index % 2:
                filing_withdraw(actor=world.ou, filing_id=filing.pk)
                return "withdrawn"
            filing_accept(actor=clerk, filing_id=filing.pk)
            return "accepted"
        except InvalidTransition:
            return "refused"

    results = run_in_parallel(2 * len(filings), work)
    assert all(kind == "ok" for kind, _value in results), results
    outcomes = [value for _kind, value in results]
    accepted = 0
    for n, filing in enumerate(filings):
        pair = sorted(outcomes[2 * n : 2 * n + 2])
        assert pair in (["accepted", "refused"], ["refused", "withdrawn"]), pair
        filing.refresh_from_db()
        refunds = Refund.objects.filter(payment__reference=filing.reference).count()
        in_case_file = CaseDocument.objects.filter(filed_as__filing=filing).count()
        if "accepted" in pair:
            accepted += 1
            assert filing.status == FilingStatus.ACCEPTED
            assert (refunds, in_case_file) == (0, 1)
        else:
            assert filing.status == FilingStatus.WITHDRAWN
            assert (refunds, in_case_file) == (1, 0)
    account = account_of(world)
    assert account.balance == Decimal("1000.00") - Decimal("63.00") * accepted
    assert ledger_total(account) == account.balance
    assert_audit_chain_intact()


def test_svc_1_parallel_double_acceptance_accepts_once_links_once(clerk):
    world = org_with_deposit(clerk, "1000.00")
    clerks = [clerk, StaffFactory(role=Role.REGISTRY), StaffFactory(role=Role.REGISTRY)]
    individual = ApiOnlyUserFactory()
    # An IU not yet linked files a Defence for the second defendant (the firm acts for the
    # first), whose acceptance links it (CASE-3 (c)).
    CaseParty.objects.create(
        case=world.case, party_type=PartyType.DEFENDANT, position=2, name="HO Siu Fung"
    )
    filing = filing_submit(
        actor=individual,
        case_number=world.case.number,
        documents=[
            DocumentToFile("DEF", SimpleUploadedFile("defence.pdf", good_pdf(), "application/pdf"))
        ],
        party_type=PartyType.DEFENDANT,
        party_position=2,
    ).filing

    def work(index):
        try:
            filing_accept(actor=clerks[index], filing_id=filing.pk)
        except InvalidTransition:
            return "refused"
        return "accepted"

    results = run_in_parallel(len(clerks), work)
    assert all(kind == "ok" for kind, _value in results), results
    assert sorted(value for _kind, value in results) == ["accepted", "refused", "refused"]
    filing.refresh_from_db()
    assert filing.status == FilingStatus.ACCEPTED
    assert CaseDocument.objects.filter(case=world.case).count() == 1
    links = CaseLink.objects.filter(individual=individual, ended_at__isnull=True)
    assert links.count() == 1 and links.get().route == LinkRoute.FILING
    assert_audit_chain_intact()
