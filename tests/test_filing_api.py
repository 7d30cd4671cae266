"""The filer's filings through the API (SVC-1, SVC-4, NFR-3, ROLE-1, ROLE-2): an assigned OU
files a Defence in multipart, paid from the deposit account; lists, reads, downloads and
withdraws it; bad input is 400 with each field's errors and nothing saved; another
organization's filing is 404."""

import json
from decimal import Decimal

import pytest

from cases.models import PartyType
from filing.models import Filing, FilingStatus
from tests.factories import organization_with_cases
from tests.filing_helpers import assigned_organization, balance, fee_of, pdf_upload
from tests.pdfs import good_pdf, javascript_open_action_pdf
from tests.test_e_filing import file_defence

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


@pytest.fixture
def org():
    """An organization whose OU `ou` is assigned to its DCPI case (the plaintiff), with
    HK$1,000.00 in its deposit account."""
    return assigned_organization()


def pdf(content=None, name="defence.pdf"):
    return pdf_upload(content, name, pages=3)


def test_svc_1_api_files_lists_reads_downloads_and_withdraws(client, org):
    fee_of("DEF", "630.00")
    client.force_login(org.ou)
    answer = client.post(
        "/api/v1/filings/",
        {
            "case_number": org.case.number,
            "pay_by": "DEPOSIT",
            "documents-0-document_type": "DEF",
            "documents-0-title": "Defence",
            "documents-0-file": pdf(),
        },
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["payment_url"] == ""
    filing = body["filing"]
    assert filing["status"] == "SUBMITTED" and filing["fee"] == "630.00"
    assert filing["case_number"] == org.case.number and filing["party_type"] == "DEFENDANT"
    assert filing["fee_payment"] == "DEPOSIT" and filing["submitted_at"]
    (document,) = filing["documents"]
    assert document["document_type"] == "DEF" and document["page_count"] == 3
    assert document["fee"] == "630.00" and len(document["sha256"]) == 64
    (payment,) = filing["payments"]
    assert payment["status"] == "SUCCEEDED" and payment["receipt_number"]
    assert balance(org) == Decimal("370.00")

    listing = client.get("/api/v1/filings/").json()
    assert [f["reference"] for f in listing["results"]] == [filing["reference"]]
    assert listing["next"] is None
    assert client.get("/api/v1/filings/", {"status": "WITHDRAWN"}).json()["results"] == []
    assert client.get("/api/v1/filings/", {"status": "NOPE"}).status_code == 400
    detail = client.get(f"/api/v1/filings/{filing['id']}/").json()
    assert detail["reference"] == filing["reference"]

    download = client.get(f"/api/v1/filings/{filing['id']}/documents/{document['id']}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == good_pdf(3)

    # Nothing is awaiting payment: nothing to pay.
    assert client.post(f"/api/v1/filings/{filing['id']}/pay/").status_code == 409
    withdrawn = client.post(f"/api/v1/filings/{filing['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "WITHDRAWN"
    assert withdrawn.json()["decided_at"]
    assert balance(org) == Decimal("1000.00")
    again = client.post(f"/api/v1/filings/{filing['id']}/withdraw/")
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"


def test_svc_1_api_bad_input_is_400_per_field_with_nothing_saved(client, org):
    client.force_login(org.ou)
    answer = client.post(
        "/api/v1/filings/",
        {
            "case_number": org.case.number,
            "pay_by": "DEPOSIT",
            "documents-0-document_type": "DEF",
            "documents-0-file": pdf(),
            # The caller's third document, the second sent: its errors keep its index.
            "documents-2-document_type": "NOPE",
            "documents-2-file": pdf(javascript_open_action_pdf()),
        },
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert "documents-2-document_type" in errors and "documents-2-file" in errors
    assert "documents-1-file" not in errors
    assert not Filing.objects.exists() and balance(org) == Decimal("1000.00")

    answer = client.post("/api/v1/filings/", {"proceeding_type": "DCPI", "parties": "not json"})
    assert answer.status_code == 400 and "parties" in answer.json()["errors"]


def test_svc_1_api_new_proceedings_with_parties_as_json(client, org):
    client.force_login(org.ou)
    answer = client.post(
        "/api/v1/filings/",
        {
            "proceeding_type": "DCPI",
            "title": "WONG Siu Ming v. ABC Limited",
            "parties": json.dumps(
                [
                    {"party_type": PartyType.PLAINTIFF, "name": "WONG Siu Ming"},
                    {"party_type": PartyType.DEFENDANT, "position": 1, "name": "ABC Limited"},
                ]
            ),
            "pay_by": "DEPOSIT",
            "documents-0-document_type": "WRIT",
            "documents-0-file": pdf(),
        },
    )
    assert answer.status_code == 201, answer.json()
    filing = answer.json()["filing"]
    assert filing["originating"] and filing["case_number"] is None
    assert filing["title"] == "WONG Siu Ming v. ABC Limited"


def test_nfr_4_api_deeply_nested_parties_are_400_not_500_with_nothing_saved(client, org):
    client.force_login(org.ou)
    answer = client.post(
        "/api/v1/filings/",
        {
            "proceeding_type": "DCPI",
            "title": "WONG Siu Ming v. ABC Limited",
            "parties": "[" * 10_000 + "]" * 10_000,
            "pay_by": "DEPOSIT",
            "documents-0-document_type": "WRIT",
            "documents-0-file": pdf(),
        },
    )
    assert answer.status_code == 400
    assert "parties" in answer.json()["errors"]
    assert not Filing.objects.exists()


@pytest.mark.parametrize(
    ("party", "field"),
    [
        ({"party_type": ["PLAINTIFF"], "position": 1, "name": "WONG Siu Ming"}, "party_type"),
        ({"party_type": {"a": 1}, "position": 1, "name": "WONG Siu Ming"}, "party_type"),
        ({"party_type": PartyType.PLAINTIFF, "position": 1e400, "name": "WONG"}, "position"),
    ],
)
def test_nfr_4_api_parties_of_the_wrong_json_type_are_400_not_500_with_nothing_saved(
    client, org, party, field
):
    """A party's type as a list or an object, its number too large for any integer: each is
    refused under its own field, where they failed the request with a server error."""
    client.force_login(org.ou)
    answer = client.post(
        "/api/v1/filings/",
        {
            "proceeding_type": "DCPI",
            "title": "WONG Siu Ming v. ABC Limited",
            # 1e400 as JSON reads as an infinite float.
            "parties": json.dumps(
                [party, {"party_type": PartyType.DEFENDANT, "name": "ABC Limited"}]
            ).replace("Infinity", "1e400"),
            "pay_by": "DEPOSIT",
            "documents-0-document_type": "WRIT",
            "documents-0-file": pdf(),
        },
    )
    assert answer.status_code == 400
    assert f"parties-0-{field}" in answer.json()["errors"]
    assert not Filing.objects.exists()


def test_rol_2_api_another_organizations_filing_is_not_found(client, org):
    filing = file_defence(org).filing
    document = filing.documents.get()
    other = organization_with_cases()
    client.force_login(other.ou)
    base = f"/api/v1/filings/{filing.pk}/"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}documents/{document.pk}/download/").status_code == 404
    assert client.post(f"{base}withdraw/").status_code == 404
    assert client.post(f"{base}pay/").status_code == 404
    assert client.get("/api/v1/filings/").json()["results"] == []
    # The organization's own administrators follow it, but do not withdraw it.
    client.force_login(org.pa)
    assert client.get(base).status_code == 200
    assert client.post(f"{base}withdraw/").status_code == 403
    assert Filing.objects.get().status == FilingStatus.SUBMITTED
