"""Object-level authorization over the API for the records of e-filing and e-payments (ROLE-1,
ROLE-2, CASE-2, GEN-5, SVC-1, SVC-2, SVC-4), as one table: for each record, who reaches it and
who does not. The filer, its organization's administrators and the registry see a filing; an
OU of the same organization not assigned to the case, another organization, another party's
IU do not (404, as for a record that does not exist). A role that never holds the capability
is refused before any lookup (403).

The world: organization A represents the plaintiff of a DCPI case, its OU `ou` assigned to it
and filing there, paid from A's deposit account; an IU represents the defendant in person;
organization B is a stranger. The filing is accepted, so the case file holds its document."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from cases.models import PartyType
from cases.services.assignment import case_assignment_create
from documents.models import DocumentOrigin
from filing.models import DocumentType
from filing.services.filings import DocumentToFile, filing_accept, filing_submit
from payments.models import DepositAccount, Payment
from payments.services import deposit_top_up
from permissions.roles import Role
from tests.factories import (
    ApiOnlyUserFactory,
    CaseLinkFactory,
    StaffFactory,
    organization_with_cases,
)
from tests.pdfs import good_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    clerk = StaffFactory(role=Role.REGISTRY)
    a = organization_with_cases()
    b = organization_with_cases()
    case_assignment_create(actor=a.pa, link_id=a.link.pk, organization_user_id=a.ou.pk)
    defendant = ApiOnlyUserFactory()
    CaseLinkFactory(
        case=a.case,
        party=a.case.parties.get(party_type=PartyType.DEFENDANT),
        organization=None,
        individual=defendant,
    )
    deposit_top_up(
        actor=clerk,
        organization_code=a.organization.code,
        amount="1000.00",
        reference="SLIP-1",
        reasons="Cheque received",
    )
    DocumentType.objects.filter(proceeding_type__code="DCPI", code="SUM").update(
        fee=Decimal("210.00")
    )
    pending = filing_submit(
        actor=a.ou,
        case_number=a.case.number,
        documents=[
            DocumentToFile("SUM", SimpleUploadedFile("s.pdf", good_pdf(2), "application/pdf"))
        ],
        pay_by="DEPOSIT",
    ).filing
    accepted = filing_submit(
        actor=a.ou,
        case_number=a.case.number,
        documents=[
            DocumentToFile("SUM", SimpleUploadedFile("s.pdf", good_pdf(1), "application/pdf"))
        ],
        pay_by="DEPOSIT",
    ).filing
    filing_accept(actor=clerk, filing_id=accepted.pk)
    document = accepted.documents.get()
    document.refresh_from_db()
    return {
        "actors": {
            "filer": a.ou,
            "own_pa": a.pa,
            "own_sa": a.sa,
            "unassigned_ou": a.ou2,
            "other_org_pa": b.pa,
            "other_org_ou": b.ou,
            "other_party_iu": defendant,
            "registry": clerk,
        },
        "filing": pending,
        "filed_document": document,
        "case_document": document.case_document,
        "case": a.case,
        "payment": Payment.objects.get(reference=pending.reference),
        "deposit_account": DepositAccount.objects.get(organization=a.organization),
    }


def url_of(world, template: str) -> str:
    return template.format(
        filing=world["filing"].pk,
        filed=world["filing"].documents.get().pk,
        case=world["case"].pk,
        case_document=world["case_document"].pk,
        payment=world["payment"].pk,
        account=world["deposit_account"].pk,
    )


FILING = "/api/v1/filings/{filing}/"
FILED_DOWNLOAD = "/api/v1/filings/{filing}/documents/{filed}/download/"
WITHDRAW = "/api/v1/filings/{filing}/withdraw/"
STAFF_FILING = "/api/v1/backoffice/filings/{filing}/"
STAFF_ACCEPT = "/api/v1/backoffice/filings/{filing}/accept/"
CASE_DOCUMENT = "/api/v1/cases/{case}/documents/{case_document}/download/"
PAYMENT = "/api/v1/payments/{payment}/"
RECEIPT_PDF = "/payments/{payment}/receipt.pdf"
STATEMENT = "/api/v1/deposit-accounts/{account}/statement/"

# (what, method, address, actor, expected status)
TABLE = [
    # A filing: its filer, its organization's administrators; nobody else among holders.
    ("filing", "get", FILING, "filer", 200),
    ("filing", "get", FILING, "own_pa", 200),
    ("filing", "get", FILING, "own_sa", 200),
    ("filing", "get", FILING, "unassigned_ou", 404),
    ("filing", "get", FILING, "other_org_pa", 404),
    ("filing", "get", FILING, "other_org_ou", 404),
    ("filing", "get", FILING, "other_party_iu", 404),
    ("filed file", "get", FILED_DOWNLOAD, "filer", 200),
    ("filed file", "get", FILED_DOWNLOAD, "own_pa", 200),
    ("filed file", "get", FILED_DOWNLOAD, "unassigned_ou", 404),
    ("filed file", "get", FILED_DOWNLOAD, "other_org_ou", 404),
    ("filed file", "get", FILED_DOWNLOAD, "other_party_iu", 404),
    # Withdrawing is the filer's alone.
    ("withdraw", "post", WITHDRAW, "unassigned_ou", 404),
    ("withdraw", "post", WITHDRAW, "other_org_ou", 404),
    ("withdraw", "post", WITHDRAW, "other_party_iu", 404),
    ("withdraw", "post", WITHDRAW, "own_pa", 403),
    # The registry's review is the registry's.
    ("review", "get", STAFF_FILING, "registry", 200),
    ("review", "get", STAFF_FILING, "own_pa", 403),
    ("review", "post", STAFF_ACCEPT, "filer", 403),
    ("review", "post", STAFF_ACCEPT, "other_org_pa", 403),
    # The case file: the parties' (assigned OU, linked IU); administrators do not inspect.
    ("case document", "get", CASE_DOCUMENT, "filer", 200),
    ("case document", "get", CASE_DOCUMENT, "other_party_iu", 200),
    ("case document", "get", CASE_DOCUMENT, "unassigned_ou", 404),
    ("case document", "get", CASE_DOCUMENT, "other_org_ou", 404),
    ("case document", "get", CASE_DOCUMENT, "own_pa", 403),
    # A payment and its receipt: the payer, its organization's administrators, the registry.
    ("payment", "get", PAYMENT, "filer", 200),
    ("payment", "get", PAYMENT, "own_pa", 200),
    ("payment", "get", PAYMENT, "registry", 200),
    ("payment", "get", PAYMENT, "unassigned_ou", 404),
    ("payment", "get", PAYMENT, "other_org_pa", 404),
    ("payment", "get", PAYMENT, "other_party_iu", 404),
    ("receipt", "page", RECEIPT_PDF, "filer", 200),
    ("receipt", "page", RECEIPT_PDF, "own_sa", 200),
    ("receipt", "page", RECEIPT_PDF, "unassigned_ou", 404),
    ("receipt", "page", RECEIPT_PDF, "other_org_pa", 404),
    ("receipt", "page", RECEIPT_PDF, "other_party_iu", 404),
    # The ledger: the organization's administrators; its OUs pay from it but do not keep it.
    ("ledger", "get", STATEMENT, "own_pa", 200),
    ("ledger", "get", STATEMENT, "own_sa", 200),
    ("ledger", "get", STATEMENT, "other_org_pa", 404),
    ("ledger", "get", STATEMENT, "filer", 403),
    ("ledger", "get", STATEMENT, "other_party_iu", 403),
]


@pytest.mark.parametrize(
    ("what", "method", "address", "actor", "expected"),
    TABLE,
    ids=[f"{row[0]}-{row[1]}-{row[3]}" for row in TABLE],
)
def test_rol_1_rol_2_who_reaches_each_record(world, what, method, address, actor, expected):
    account = world["actors"][actor]
    url = url_of(world, address)
    if method == "page":
        client = Client()
        client.force_login(account)
        response = client.get(url)
    else:
        client = APIClient()
        client.force_authenticate(account)
        response = getattr(client, method)(url, format="json")
    assert response.status_code == expected, (what, actor, response.status_code)
    if what == "withdraw":
        world["filing"].refresh_from_db()
        assert world["filing"].status == "SUBMITTED"


def test_rol_1_the_case_file_holds_the_accepted_filing(world):
    assert world["case_document"].origin == DocumentOrigin.FILED
