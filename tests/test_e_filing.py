"""e-Filing (SVC-1, SVC-4, CASE-3 (c), MSG-1): a linked IU or an assigned OU files PDFs of the
types the court's policy allows, with the fee; a filer not yet linked files a document that
links; an originating document starts new proceedings; bad files store nothing; the fee comes
from the deposit account in the filing's own transaction (all or nothing) or through the
gateway; the registry accepts (the documents join the case file, a linking document links the
filer, the parties are told) or rejects with reasons (the fee goes back); the filer withdraws
before review (the fee goes back)."""

from decimal import Decimal

import pytest

from audit.models import AuditRecord
from cases.models import Case, CaseLink, CaseParty, LinkRoute, PartyType
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from documents.models import CaseDocument, DocumentOrigin
from filing.models import DocumentType, FiledDocument, Filing, FilingStatus
from filing.selectors.filings import filing_for, filings_of, next_case_number, registry_queue
from filing.services.filings import (
    DocumentToFile,
    filing_accept,
    filing_reject,
    filing_submit,
    filing_withdraw,
)
from filing.storage import content_store
from messaging.models import Message
from payments.models import EntryKind, LedgerEntry, Payment, PaymentStatus
from payments.receipts import receipt_rows
from payments.selectors import statement
from payments.services import InsufficientBalance
from tests.factories import (
    ApiOnlyUserFactory,
    CaseLinkFactory,
    organization_with_cases,
)
from tests.filing_helpers import (
    assigned_organization,
    balance,
    fee_of,
    registry_clerk,
)
from tests.filing_helpers import pdf_upload as shared_pdf_upload
from tests.pdfs import encrypted_pdf, good_pdf, javascript_open_action_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def pdf_upload(content=None, name="defence.pdf"):
    return shared_pdf_upload(content, name)


@pytest.fixture
def clerk():
    return registry_clerk()


@pytest.fixture
def org(clerk):
    """An organization acting for the defendant of its DCPI case, its OU `ou` assigned to the
    case, with HK$1,000.00 in its deposit account."""
    return assigned_organization(clerk, reasons="Cheque received")


def file_defence(org, **overrides):
    values = {
        "actor": org.ou,
        "case_number": org.case.number,
        "documents": [DocumentToFile("DEF", pdf_upload())],
        "pay_by": "DEPOSIT",
    }
    values.update(overrides)
    return filing_submit(**values)


def test_svc_1_assigned_ou_files_and_pays_from_the_deposit_account(org):
    fee_of("DEF", "0.10")
    fee_of("SUM", "0.20")
    submitted = file_defence(
        org,
        documents=[
            DocumentToFile("DEF", pdf_upload()),
            DocumentToFile("sum", pdf_upload(good_pdf(2)), title="Summons for directions"),
        ],
    )
    filing = submitted.filing
    assert submitted.payment_url == ""
    assert filing.status == FilingStatus.SUBMITTED and filing.submitted_at
    assert filing.reference.startswith("F20") and len(filing.reference) == 14
    # 0.10 + 0.20 is not 0.30 in binary floating point; in Decimal it is, to the cent.
    assert filing.fee == Decimal("0.30")
    assert balance(org) == Decimal("999.70")
    assert filing.party == org.link.party and filing.organization == org.organization
    titles = [d.title for d in filing.documents.all()]
    assert titles == ["Defence", "Summons for directions"]
    payment = Payment.objects.get(reference=filing.reference)
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount == Decimal("0.30")
    # SVC-4: its receipt names the case, for the firm's bill to its client.
    assert ("Details", filing.case.number) in [
        (str(label), value) for label, value in receipt_rows(payment)
    ]
    # ... and so does the deposit account's statement, line by line.
    lines = statement(actor=org.pa, account_id=payment.deposit_account_id).entries
    assert [entry.details for entry in lines if entry.payment_id == payment.pk] == [
        filing.case.number
    ]
    assert content_store().exists(filing.documents.first().sha256)
    assert AuditRecord.objects.filter(action="filing.submitted").exists()


def test_svc_4_insufficient_balance_files_nothing_and_stores_nothing(org):
    fee_of("DEF", "1000.01")
    upload = pdf_upload(good_pdf(3))
    with pytest.raises(InsufficientBalance):
        file_defence(org, documents=[DocumentToFile("DEF", upload)])
    assert not Filing.objects.exists() and not FiledDocument.objects.exists()
    assert balance(org) == Decimal("1000.00")
    from core.uploads import upload_sha256

    assert not content_store().exists(upload_sha256(upload))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 not a pdf at all", "not a PDF"),
        (encrypted_pdf(), "password"),
        (javascript_open_action_pdf(), "script"),
    ],
    ids=["zero_bytes", "renamed_non_pdf", "encrypted", "javascript"],
)
def test_svc_1_bad_files_refused_with_a_reason_and_nothing_stored(org, content, expected):
    with pytest.raises(ValidationFailed) as refused:
        file_defence(org, documents=[DocumentToFile("DEF", pdf_upload(content))])
    message = " ".join(refused.value.errors["documents-0-file"])
    assert expected.lower() in message.lower()
    assert not Filing.objects.exists()
    assert balance(org) == Decimal("1000.00")


def test_svc_1_type_not_allowed_in_the_proceedings_is_refused(org):
    with pytest.raises(ValidationFailed) as refused:
        file_defence(org, documents=[DocumentToFile("NOPE", pdf_upload())])
    assert "documents-0-document_type" in refused.value.errors
    assert not Filing.objects.exists()


def test_svc_1_over_the_file_count_is_refused(org):
    documents = [DocumentToFile("DEF", pdf_upload(good_pdf(n + 1))) for n in range(4)]
    with pytest.raises(ValidationFailed) as refused:
        file_defence(org, documents=documents)
    assert "at most 3" in " ".join(refused.value.errors["documents"])


def test_svc_1_a_document_of_the_other_side_is_refused_and_nothing_is_stored(org):
    # The firm acts for the defendant: a Reply and a Statement of Damages are the plaintiff's.
    with pytest.raises(ValidationFailed) as refused:
        file_defence(
            org,
            documents=[
                DocumentToFile("DEF", pdf_upload()),
                DocumentToFile("REPLY", pdf_upload()),
                DocumentToFile("SOD", pdf_upload()),
            ],
        )
    errors = refused.value.errors
    assert "documents-0-document_type" not in errors
    assert errors["documents-1-document_type"] == [
        "Reply is filed by the claiming side (plaintiff, applicant); you file for the Defendant."
    ]
    assert "documents-2-document_type" in errors
    assert not Filing.objects.exists() and not FiledDocument.objects.exists()


def test_svc_1_an_unlinked_filer_cannot_file_a_defence_for_the_plaintiff(org):
    with pytest.raises(ValidationFailed) as refused:
        filing_submit(
            actor=ApiOnlyUserFactory(),
            case_number=org.case.number,
            documents=[DocumentToFile("DEF", pdf_upload())],
            party_type=PartyType.PLAINTIFF,
            party_position=1,
        )
    assert refused.value.errors["documents-0-document_type"] == [
        "Defence is filed by the responding side (defendant, respondent, third party); you "
        "file for the Plaintiff."
    ]
    assert not Filing.objects.exists()


@pytest.mark.parametrize(
    "code, side",
    [
        ("WRIT", "CLAIMING"),
        ("REPLY", "CLAIMING"),
        ("SOD", "CLAIMING"),
        ("AOS", "RESPONDING"),
        ("DEF", "RESPONDING"),
        ("DCC", "RESPONDING"),
        ("SUM", "ANY_PARTY"),
        ("NTA", "ANY_PARTY"),
    ],
)
def test_svc_1_the_seeded_document_types_say_which_side_files_them(code, side):
    assert DocumentType.objects.get(proceeding_type__code="DCPI", code=code).filed_by == side


def test_case_2_unassigned_ou_files_only_a_linking_document(org):
    with pytest.raises(ValidationFailed) as refused:
        file_defence(org, actor=org.ou2, documents=[DocumentToFile("SUM", pdf_upload())])
    assert "not linked" in " ".join(refused.value.errors["case_number"])


def test_case_3_c_unlinked_iu_files_a_defence_and_acceptance_links_it(org, clerk):
    individual = ApiOnlyUserFactory()
    CaseParty.objects.create(
        case=org.case, party_type=PartyType.DEFENDANT, position=2, name="HO Siu Fung"
    )
    filing = filing_submit(
        actor=individual,
        case_number=org.case.number,
        documents=[DocumentToFile("DEF", pdf_upload())],
        party_type=PartyType.DEFENDANT,
        party_position=2,
    ).filing
    assert filing.status == FilingStatus.SUBMITTED and filing.party is None
    filing_accept(actor=clerk, filing_id=filing.pk)
    link = CaseLink.objects.get(individual=individual, ended_at__isnull=True)
    assert link.route == LinkRoute.FILING and link.party.party_type == PartyType.DEFENDANT
    document = CaseDocument.objects.get(case=org.case, origin=DocumentOrigin.FILED)
    assert document.kind == "DEF" and document.dated_at == filing.submitted_at
    assert document.drn is None
    assert Message.objects.filter(recipient=individual, subject__contains="accepted").exists()
    # The organization's OU, assigned to the first defendant, hears of the Defence.
    assert Message.objects.filter(recipient=org.ou, case=org.case).exists()


def test_svc_1_accepted_documents_join_the_case_file_and_parties_are_told(org, clerk):
    individual = ApiOnlyUserFactory()
    CaseLinkFactory(
        case=org.case,
        party=org.case.parties.get(party_type=PartyType.PLAINTIFF),
        organization=None,
        individual=individual,
    )
    filing = file_defence(org).filing
    assert [f.pk for f in registry_queue(actor=clerk)] == [filing.pk]
    filing_accept(actor=clerk, filing_id=filing.pk)
    filing.refresh_from_db()
    assert filing.status == FilingStatus.ACCEPTED and filing.decided_by == clerk
    assert filing.documents.get().case_document.origin == DocumentOrigin.FILED
    assert Message.objects.filter(recipient=individual, case=org.case).count() == 1
    assert Message.objects.filter(recipient=org.ou, subject__contains=filing.reference).exists()
    assert registry_queue(actor=clerk) == []
    with pytest.raises(InvalidTransition):
        filing_accept(actor=clerk, filing_id=filing.pk)


def test_svc_1_rejection_gives_reasons_and_refunds_the_fee(org, clerk):
    fee_of("DEF", "630.00")
    filing = file_defence(org).filing
    assert balance(org) == Decimal("370.00")
    with pytest.raises(ValidationFailed):
        filing_reject(actor=clerk, filing_id=filing.pk, reasons="  ")
    filing_reject(actor=clerk, filing_id=filing.pk, reasons="Not signed by the solicitor.")
    filing.refresh_from_db()
    assert filing.status == FilingStatus.REJECTED
    assert balance(org) == Decimal("1000.00")
    assert LedgerEntry.objects.filter(kind=EntryKind.REFUND, amount=Decimal("630.00")).count() == 1
    message = Message.objects.get(recipient=org.ou, subject__contains="rejected")
    assert "Not signed by the solicitor." in message.body
    assert not CaseDocument.objects.filter(case=org.case).exists()


def test_svc_1_filer_withdraws_before_review_and_the_fee_goes_back(org, clerk):
    fee_of("DEF", "630.00")
    filing = file_defence(org).filing
    with pytest.raises(NotFound):
        filing_withdraw(actor=org.ou2, filing_id=filing.pk)
    filing_withdraw(actor=org.ou, filing_id=filing.pk)
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.WITHDRAWN
    assert balance(org) == Decimal("1000.00")
    with pytest.raises(InvalidTransition):
        filing_accept(actor=clerk, filing_id=filing.pk)


def test_svc_1_originating_document_opens_a_case_on_acceptance(org, clerk):
    filing = filing_submit(
        actor=org.ou,
        proceeding_type="DCPI",
        title="WONG Siu Ming v. ABC Limited",
        parties=[
            {"party_type": PartyType.PLAINTIFF, "name": "WONG Siu Ming"},
            {"party_type": PartyType.DEFENDANT, "name": "ABC Limited"},
        ],
        documents=[DocumentToFile("WRIT", pdf_upload())],
        pay_by="DEPOSIT",
    ).filing
    assert filing.case is None and filing.status == FilingStatus.SUBMITTED
    assert balance(org) == Decimal("370.00")
    number = next_case_number(filing.proceeding_type, 2026)
    with pytest.raises(ValidationFailed):
        filing_accept(actor=clerk, filing_id=filing.pk, case_number="DCTC 1/2026")
    assert not Case.objects.filter(number="DCTC 1/2026").exists()
    filing_accept(actor=clerk, filing_id=filing.pk, case_number=number)
    case = Case.objects.get(number=number)
    assert case.title == "WONG Siu Ming v. ABC Limited"
    link = CaseLink.objects.get(case=case)
    assert link.organization == org.organization and link.route == LinkRoute.FILING
    assert link.party.party_type == PartyType.PLAINTIFF


def test_svc_1_new_proceedings_are_started_by_the_claiming_side(org):
    with pytest.raises(ValidationFailed) as refused:
        filing_submit(
            actor=org.ou,
            proceeding_type="DCPI",
            title="WONG Siu Ming v. ABC Limited",
            parties=[
                {"party_type": PartyType.DEFENDANT, "name": "ABC Limited"},
                {"party_type": PartyType.PLAINTIFF, "name": "WONG Siu Ming"},
            ],
            documents=[DocumentToFile("WRIT", pdf_upload())],
            pay_by="DEPOSIT",
        )
    assert refused.value.errors["documents-0-document_type"] == [
        "Writ of Summons is filed by the claiming side (plaintiff, applicant); you file for "
        "the Defendant."
    ]
    assert not Filing.objects.exists() and balance(org) == Decimal("1000.00")


def test_rol_1_filings_are_seen_by_the_filer_its_administrators_and_the_registry(org, clerk):
    filing = file_defence(org).filing
    other = organization_with_cases()
    for reader in (org.ou, org.pa, org.sa, clerk):
        assert filing_for(actor=reader, filing_id=filing.pk) == filing
    for stranger in (org.ou2, other.pa, other.ou, ApiOnlyUserFactory()):
        with pytest.raises((NotFound, NotPermitted)):
            filing_for(actor=stranger, filing_id=filing.pk)
    assert list(filings_of(actor=other.pa)) == []
    with pytest.raises(NotPermitted):
        filing_accept(actor=org.pa, filing_id=filing.pk)
