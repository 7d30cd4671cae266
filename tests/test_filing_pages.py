"""The filer's e-filing pages (SVC-1, SVC-4, ROLE-1, ROLE-2, NFR-2): an assigned OU files a
Defence from its case's page, paid from the deposit account, sees it in "My filings" and on its
page, downloads what it filed and withdraws it (the fee goes back), in English and in
Traditional Chinese; a bad PDF is shown as an error beside its field with nothing saved;
another organization's filing is "not found"."""

from decimal import Decimal

import pytest
from django.utils import translation

from cases.models import PartyType
from core.money import format_hkd
from filing.models import FiledDocument, FileLimits, Filing, FilingStatus
from filing.selectors.policy import file_limits
from payments.models import Payment
from tests.factories import ApiOnlyUserFactory, organization_with_cases
from tests.filing_helpers import assigned_organization, balance, fee_of, pdf_upload
from tests.local_gateway import free_port
from tests.pdfs import encrypted_pdf, good_pdf
from tests.test_e_filing import file_defence

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


@pytest.fixture
def org():
    """An organization acting for the defendant of its DCPI case, its OU `ou` assigned to the
    case, with HK$1,000.00 in its deposit account."""
    return assigned_organization()


LANGUAGES = {"en": "", "zh-hant": "/zh-hant"}


def management(prefix: str, total: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(total),
    }


def pdf(content=None, name="defence.pdf"):
    return pdf_upload(content, name, pages=2)


def defence_form(org, **overrides) -> dict:
    data = {
        **management("documents", 3),
        "case_number": org.case.number,
        "party": str(org.link.party.pk),
        "documents-0-document_type": "DCPI:DEF",
        "documents-0-title": "Defence of the 1st Defendant",
        "documents-0-file": pdf(),
        "pay_by": "DEPOSIT",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_svc_1_ou_files_a_defence_from_its_case_page_and_withdraws_it(client, org, language):
    prefix = LANGUAGES[language]
    fee_of("DEF", "630.00")
    client.force_login(org.ou)
    case_page = client.get(f"{prefix}/cases/{org.case.pk}/").content.decode()
    assert f"/filings/new/?case={org.case.pk}" in case_page
    form = client.get(f"{prefix}/filings/new/", {"case": org.case.pk})
    assert form.status_code == 200
    html = form.content.decode()
    assert f'value="{org.case.number}"' in html
    assert f'<option value="{org.link.party.pk}"' in html
    assert "HK$630.00" in html and 'value="DEPOSIT"' in html
    with translation.override(language):
        shown = format_hkd(balance(org))
    assert shown in html  # the deposit account's balance, before filing

    answer = client.post(f"{prefix}/filings/new/", defence_form(org))
    filing = Filing.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"{prefix}/filings/{filing.pk}/"
    assert filing.status == FilingStatus.SUBMITTED and filing.fee == Decimal("630.00")
    assert balance(org) == Decimal("370.00")

    listing = client.get(f"{prefix}/filings/").content.decode()
    assert filing.reference in listing and org.case.number in listing
    assert "Defence of the 1st Defendant" in listing and "HK$630.00" in listing
    assert ("My filings" if language == "en" else "我的存檔") in listing

    page = client.get(answer["Location"])
    html = page.content.decode()
    with translation.override(language):
        assert str(FilingStatus.SUBMITTED.label) in html
    document = FiledDocument.objects.get()
    assert f"/filings/{filing.pk}/documents/{document.pk}/" in html
    payment = Payment.objects.get(reference=filing.reference)
    assert f"/payments/{payment.pk}/" in html and payment.receipt.number in html
    assert f"/filings/{filing.pk}/withdraw/" in html
    # The PA follows its OUs' filings, but only the filer withdraws.
    client.force_login(org.pa)
    assert client.get(f"{prefix}/filings/{filing.pk}/").status_code == 200
    assert (
        f"/filings/{filing.pk}/withdraw/"
        not in client.get(f"{prefix}/filings/{filing.pk}/").content.decode()
    )
    assert client.post(f"{prefix}/filings/{filing.pk}/withdraw/").status_code == 403
    client.force_login(org.ou)

    download = client.get(f"{prefix}/filings/{filing.pk}/documents/{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == good_pdf(2)

    confirm = client.post(f"{prefix}/filings/{filing.pk}/withdraw/")
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.content.decode()
    assert Filing.objects.get().status == FilingStatus.SUBMITTED
    done = client.post(f"{prefix}/filings/{filing.pk}/withdraw/", {"confirm": "yes"})
    assert done.status_code == 302
    assert Filing.objects.get().status == FilingStatus.WITHDRAWN
    assert balance(org) == Decimal("1000.00")
    html = client.get(f"{prefix}/filings/{filing.pk}/").content.decode()
    assert f"/filings/{filing.pk}/withdraw/" not in html
    withdrawn = client.get(f"{prefix}/filings/", {"status": "WITHDRAWN"}).content.decode()
    assert filing.reference in withdrawn
    assert (
        filing.reference
        not in client.get(f"{prefix}/filings/", {"status": "SUBMITTED"}).content.decode()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_svc_1_a_bad_pdf_is_shown_beside_its_field_and_nothing_is_saved(client, org, language):
    prefix = LANGUAGES[language]
    client.force_login(org.ou)
    answer = client.post(
        f"{prefix}/filings/new/",
        defence_form(
            org,
            **{
                "documents-0-document_type": "",
                "documents-1-document_type": "DCPI:DEF",
                "documents-1-file": pdf(encrypted_pdf()),
            },
        ),
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_documents-1-file"' in html
    assert not Filing.objects.exists() and not FiledDocument.objects.exists()
    assert balance(org) == Decimal("1000.00")


def test_svc_1_the_form_offers_as_many_document_rows_as_the_court_allows_files(client, org):
    client.force_login(org.ou)
    limits = file_limits(org.case.proceeding_type_id)
    html = client.get("/filings/new/", {"case": org.case.pk}).content.decode()
    allowed = min(limits.max_files, 4)
    assert f'name="documents-TOTAL_FORMS" value="{allowed}"' in html
    assert f"Up to {allowed} documents." in html
    FileLimits.objects.update_or_create(
        proceeding_type=org.case.proceeding_type,
        defaults={
            "max_file_bytes": limits.max_file_bytes,
            "max_pages": limits.max_pages,
            "max_files": 2,
        },
    )
    html = client.get("/filings/new/", {"case": org.case.pk}).content.decode()
    assert 'name="documents-TOTAL_FORMS" value="2"' in html and "Up to 2 documents." in html


def test_svc_1_the_form_offers_only_what_the_filers_side_files(client, org):
    client.force_login(org.ou)
    defendants = client.get("/filings/new/", {"case": org.case.pk}).content.decode()
    assert 'value="DCPI:DEF"' in defendants and 'value="DCPI:AOS"' in defendants
    assert 'value="DCPI:REPLY"' not in defendants and 'value="DCPI:SOD"' not in defendants
    assert 'value="DCPI:SUM"' in defendants  # either side
    # The same firm acting for the plaintiff is offered the plaintiff's documents instead.
    org.link.party = org.case.parties.get(party_type=PartyType.PLAINTIFF)
    org.link.save(update_fields=["party"])
    plaintiffs = client.get("/filings/new/", {"case": org.case.pk}).content.decode()
    assert 'value="DCPI:REPLY"' in plaintiffs and 'value="DCPI:SOD"' in plaintiffs
    assert 'value="DCPI:DEF"' not in plaintiffs and 'value="DCPI:AOS"' not in plaintiffs


def test_svc_4_insufficient_balance_is_an_error_and_nothing_is_saved(client, org):
    fee_of("DEF", "1000.01")
    client.force_login(org.ou)
    answer = client.post("/filings/new/", defence_form(org))
    assert answer.status_code == 200
    assert "does not hold enough" in answer.content.decode()
    assert not Filing.objects.exists() and balance(org) == Decimal("1000.00")


def test_svc_4_unreachable_payment_service_keeps_the_filing_awaiting_payment(client, org, settings):
    settings.PAYMENT_GATEWAY = {
        **settings.PAYMENT_GATEWAY,
        "API_BASE": f"http://127.0.0.1:{free_port()}",
    }
    fee_of("DEF", "630.00")
    client.force_login(org.ou)
    answer = client.post("/filings/new/", defence_form(org, pay_by="GATEWAY"))
    filing = Filing.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/filings/{filing.pk}/"
    assert filing.status == FilingStatus.AWAITING_PAYMENT
    page = client.get(answer["Location"]).content.decode()
    assert "cannot be reached" in page and f"/filings/{filing.pk}/pay/" in page
    again = client.post(f"/filings/{filing.pk}/pay/")
    assert again.status_code == 302 and again["Location"] == f"/filings/{filing.pk}/"
    assert Filing.objects.get().status == FilingStatus.AWAITING_PAYMENT


def test_case_3_c_unlinked_individual_files_a_defence_naming_its_party(client, org):
    individual = ApiOnlyUserFactory()
    client.force_login(individual)
    form = client.get("/filings/new/").content.decode()
    assert 'name="party_type"' in form and 'value="DEPOSIT"' not in form
    answer = client.post(
        "/filings/new/",
        {
            **management("documents", 3),
            "case_number": org.case.number.lower(),
            "party_type": PartyType.DEFENDANT,
            "party_position": "1",
            "documents-0-document_type": "DCPI:AOS",
            "documents-0-file": pdf(),
        },
    )
    filing = Filing.objects.get()
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert filing.party is None and filing.party_type == PartyType.DEFENDANT
    assert filing.status == FilingStatus.SUBMITTED  # an Acknowledgment of Service is free


def test_svc_1_start_new_proceedings_with_an_originating_document(client, org):
    client.force_login(org.ou)
    assert client.get("/filings/new/?mode=new").status_code == 200
    answer = client.post(
        "/filings/new/",
        {
            **management("documents", 3),
            **management("parties", 4),
            "mode": "new",
            "proceeding_type": "DCPI",
            "title": "WONG Siu Ming v. ABC Limited",
            "parties-0-party_type": PartyType.PLAINTIFF,
            "parties-0-name": "WONG Siu Ming",
            "parties-1-party_type": PartyType.DEFENDANT,
            "parties-1-name": "",
            "documents-0-document_type": "DCPI:WRIT",
            "documents-0-file": pdf(),
            "pay_by": "DEPOSIT",
        },
    )
    assert answer.status_code == 200
    assert 'href="#id_parties-1-name"' in answer.content.decode()
    assert not Filing.objects.exists()
    answer = client.post(
        "/filings/new/",
        {
            **management("documents", 3),
            **management("parties", 4),
            "mode": "new",
            "proceeding_type": "DCPI",
            "title": "WONG Siu Ming v. ABC Limited",
            "parties-0-party_type": PartyType.PLAINTIFF,
            "parties-0-name": "WONG Siu Ming",
            "parties-1-party_type": PartyType.DEFENDANT,
            "parties-1-name": "ABC Limited",
            "documents-0-document_type": "DCPI:WRIT",
            "documents-0-file": pdf(),
            "pay_by": "DEPOSIT",
        },
    )
    filing = Filing.objects.get()
    assert answer.status_code == 302
    assert filing.originating and filing.case is None
    page = client.get(answer["Location"]).content.decode()
    assert "WONG Siu Ming v. ABC Limited" in page and "ABC Limited" in page


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_nfr_4_new_proceedings_sent_empty_name_every_missing_field_at_once(client, org, prefix):
    client.force_login(org.ou)
    answer = client.post(
        f"{prefix}/filings/new/",
        {**management("documents", 3), **management("parties", 4), "mode": "new"},
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    for field in ("proceeding_type", "title"):
        assert f'href="#id_{field}"' in page, field
    parties = "請先填寫你自己的一方" if prefix else "Give your own party first"
    assert parties in page
    assert "has the code" not in page and "使用編碼" not in page
    expected = "請選擇程序類別。" if prefix else "Choose the type of proceedings."
    assert expected in page
    assert not Filing.objects.exists()


def test_nfr_4_a_document_type_left_unchosen_is_asked_for(client, org):
    client.force_login(org.ou)
    answer = client.post(
        "/filings/new/",
        {
            **management("documents", 3),
            "case_number": org.case.number,
            "documents-0-document_type": "",
            "documents-0-file": pdf(),
            "pay_by": "DEPOSIT",
        },
    )
    page = answer.content.decode()
    assert "Choose the document type." in page
    assert "is not a document type" not in page


def test_rol_2_another_organizations_filing_is_not_found(client, org):
    filing = file_defence(org).filing
    document = filing.documents.get()
    other = organization_with_cases()
    for stranger in (other.pa, other.ou, org.ou2):
        client.force_login(stranger)
        for url in (f"/filings/{filing.pk}/", f"/filings/{filing.pk}/documents/{document.pk}/"):
            assert client.get(url).status_code == 404, (stranger, url)
        assert filing.reference not in client.get("/filings/").content.decode()
    client.force_login(org.ou2)
    for url in (f"/filings/{filing.pk}/withdraw/", f"/filings/{filing.pk}/pay/"):
        assert client.post(url, {"confirm": "yes"}).status_code == 404, url
    assert Filing.objects.get().status == FilingStatus.SUBMITTED


def test_rol_1_administrators_follow_filings_but_do_not_file(client, org):
    file_defence(org)
    client.force_login(org.sa)
    assert Filing.objects.get().reference in client.get("/filings/").content.decode()
    assert client.get("/filings/new/").status_code == 403


def test_svc_1_a_document_row_without_its_file_is_asked_for_and_nothing_is_filed(client, org):
    client.force_login(org.ou)
    form = defence_form(org)
    del form["documents-0-file"]
    answer = client.post("/filings/new/", form)
    assert answer.status_code == 200
    assert "Choose the PDF file of the document." in answer.content.decode()
    assert not Filing.objects.exists()
