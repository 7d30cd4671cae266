"""BEY-2, SVC-1, GEN-2, CASE-3 (c): the court policy as data. Per e-enabled proceeding type,
the document types that may be filed (and which of them link the filer), the fee of each in
exact HKD, and the file limits; served to the public at /api/v1/policy/ with a fee
calculation; a pre-filing check for holders who file; maintained by the registry through the
back office's pages and the staff API, each change audited; bad input saves nothing; nobody
else may change it. In English and Chinese."""

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from audit.models import AuditRecord
from cases.models import CaseStatus
from core import policy
from core.errors import NotPermitted, ValidationFailed
from filing.models import DocumentType, FileLimits
from filing.selectors import policy as selectors
from filing.services import policy as services
from permissions.roles import Role
from tests.factories import (
    CaseFactory,
    OrganizationAccountFactory,
    StaffFactory,
    UserFactory,
    proceeding_type,
)
from tests.object_store import stored_names
from tests.pdfs import good_pdf, png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

POLICY = "/api/v1/policy/"
FEES = "/api/v1/policy/fees/"
CHECK = "/api/v1/filings/check/"
STAFF_TYPES = "/api/v1/backoffice/document-types/"
STAFF_LIMITS = "/api/v1/backoffice/file-limits/"
MIB = 1024 * 1024


def api_as(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def saved() -> tuple:
    return (
        list(DocumentType.objects.order_by("pk").values()),
        list(FileLimits.objects.order_by("pk").values()),
        AuditRecord.objects.count(),
    )


@pytest.fixture
def cents(registry_clerk):
    """Two DCPI document types whose fees do not add up in binary floating point."""
    dcpi = proceeding_type("DCPI")
    for code, fee in (("TEN", "0.10"), ("TWENTY", "0.20")):
        services.document_type_create(
            actor=registry_clerk,
            proceeding_type_id=dcpi.pk,
            code=code,
            name_en=f"Copy fee {fee}",
            name_zh=f"副本費 {fee}",
            fee=fee,
        )


# --- the policy (GetPolicy) ------------------------------------------------------------------


def test_bey_2_policy_lists_e_enabled_proceedings_with_document_types_fees_and_limits():
    response = APIClient().get(POLICY)
    assert response.status_code == 200
    body = response.json()
    assert body["currency"] == "HKD"
    proceedings = {p["proceeding_type"]: p for p in body["proceedings"]}
    assert set(proceedings) == {"DCPI", "DCTC"}
    dcpi = proceedings["DCPI"]
    assert dcpi["court_level"] == "DC"
    assert dcpi["name"] == "Personal Injuries Action"
    assert dcpi["e_enabled_from"] == "2022-05-06"
    types = {t["code"]: t for t in dcpi["document_types"]}
    assert types["WRIT"] == {
        "code": "WRIT",
        "name": "Writ of Summons",
        "name_en": "Writ of Summons",
        "name_zh": "傳訊令狀",
        "linking_role": "ORIGINATING_DOCUMENT",
        "originating": True,
        "open_to_public_inspection": True,
        "filed_by": "CLAIMING",
        "counsel_may_file": False,
        "fee": "630.00",
    }
    assert types["DEF"]["linking_role"] == "DEFENCE" and types["DEF"]["fee"] == "0.00"
    assert types["DEF"]["open_to_public_inspection"] is False
    assert types["AOS"]["linking_role"] == "ACKNOWLEDGMENT_OF_SERVICE"
    assert types["DCC"]["linking_role"] == "DEFENCE_AND_COUNTERCLAIM"
    assert types["DCC"]["fee"] == "630.00"
    assert types["NTA"]["linking_role"] == "NOTICE_TO_ACT"
    assert types["SUM"]["linking_role"] is None and types["SUM"]["fee"] == "210.00"
    # DCPI has limits of its own; DCTC the default row.
    assert dcpi["file_limits"] == {
        "max_file_bytes": 10 * MIB,
        "max_pages": 500,
        "max_files": 3,
        "file_types": ["application/pdf"],
    }
    assert proceedings["DCTC"]["file_limits"]["max_pages"] == 300
    assert {t["code"] for t in proceedings["DCTC"]["document_types"]} == {
        "WRIT",
        "AOS",
        "DEF",
        "NTA",
        "SUM",
        "AFF",
        # A12: the written submissions made in accordance with the court's directions.
        "SUBM",
        "SKEL",
        "LOA",
    }
    assert (types["SKEL"]["name_zh"], types["SKEL"]["filed_by"]) == ("陳詞綱要", "ANY_PARTY")
    assert types["LOA"]["linking_role"] is None and types["LOA"]["fee"] == "0.00"


def test_bey_2_case_3_linking_roles_are_the_vocabulary_of_case_linking():
    """The roles a document type may have are exactly the documents whose acceptance links
    the filer (cases.services.linking.LinkingDocument), so the filing work can pass a
    document type's role to `case_link_on_accepted_filing` as it is."""
    from cases.services.linking import LinkingDocument

    roles = set(
        DocumentType.objects.exclude(linking_role="").values_list("linking_role", flat=True)
    )
    assert roles == set(LinkingDocument.values)


def test_bey_2_policy_in_chinese():
    body = APIClient().get(POLICY, HTTP_ACCEPT_LANGUAGE="zh-hant").json()
    dcpi = next(p for p in body["proceedings"] if p["proceeding_type"] == "DCPI")
    assert dcpi["name"] == "人身傷害訴訟"
    assert dcpi["court_level_name"] == "區域法院"
    assert {t["name"] for t in dcpi["document_types"]} >= {"抗辯書", "送達認收書"}


def test_gen_2_policy_leaves_out_proceedings_on_paper_and_inactive_types(registry_clerk):
    services.document_type_create(
        actor=registry_clerk,
        proceeding_type_id=proceeding_type("DCCJ").pk,
        code="WRIT",
        name_en="Writ of Summons",
        name_zh="傳訊令狀",
        fee="630.00",
        linking_role="ORIGINATING_DOCUMENT",
    )
    reply = DocumentType.objects.get(proceeding_type__code="DCPI", code="REPLY")
    services.document_type_update(actor=registry_clerk, document_type_id=reply.pk, active=False)
    body = APIClient().get(POLICY).json()
    assert {p["proceeding_type"] for p in body["proceedings"]} == {"DCPI", "DCTC"}
    dcpi = next(p for p in body["proceedings"] if p["proceeding_type"] == "DCPI")
    assert "REPLY" not in {t["code"] for t in dcpi["document_types"]}
    refused = APIClient().post(
        FEES, {"proceeding_type": "DCCJ", "documents": [{"document_type": "WRIT"}]}, format="json"
    )
    assert refused.status_code == 400
    assert "not conducted through iCMS" in refused.json()["errors"]["proceeding_type"][0]


# --- fees (GetFeesCalculation) ------------------------------------------------------------------


def test_bey_2_fee_calculation_is_exact_where_binary_floating_point_is_not(cents):
    assert 0.10 + 0.20 != 0.30  # why money is never a float
    calculation = selectors.fee_calculation(
        proceeding_type="DCPI", documents=[("TEN", 1), ("TWENTY", 1)]
    )
    assert calculation.total == Decimal("0.30")
    assert isinstance(calculation.total, Decimal)
    response = APIClient().post(
        FEES,
        {
            "proceeding_type": "dcpi",
            "documents": [
                {"document_type": "TEN", "copies": 3},
                {"document_type": "twenty"},
                {"document_type": "WRIT", "copies": 2},
            ],
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "proceeding_type": "DCPI",
        "currency": "HKD",
        "lines": [
            {
                "document_type": "TEN",
                "name": "Copy fee 0.10",
                "copies": 3,
                "unit_fee": "0.10",
                "amount": "0.30",
            },
            {
                "document_type": "TWENTY",
                "name": "Copy fee 0.20",
                "copies": 1,
                "unit_fee": "0.20",
                "amount": "0.20",
            },
            {
                "document_type": "WRIT",
                "name": "Writ of Summons",
                "copies": 2,
                "unit_fee": "630.00",
                "amount": "1260.00",
            },
        ],
        "total": "1260.50",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"proceeding_type": "XXXX", "documents": [{"document_type": "WRIT"}]}, "proceeding_type"),
        ({"proceeding_type": "DCPI", "documents": [{"document_type": "NOPE"}]}, None),
        ({"proceeding_type": "DCPI", "documents": []}, "documents"),
        ({"proceeding_type": "DCPI", "documents": [{"document_type": "WRIT", "copies": 0}]}, None),
    ],
)
def test_bey_2_fee_calculation_refuses_what_it_cannot_price(body, field):
    response = APIClient().post(FEES, body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors if field else errors


def test_bey_2_fee_calculation_refusal_in_chinese():
    response = APIClient().post(
        FEES,
        {"proceeding_type": "DCPI", "documents": [{"document_type": "NOPE"}]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    assert response.json()["errors"]["documents-0-document_type"] == [
        "NOPE不是可在DCPI存檔的文件類別。"
    ]


def test_bey_2_public_policy_and_fees_are_rate_limited_per_address(monkeypatch):
    limits = {**policy.RATE_LIMITS, "court_policy": policy.RateLimit(3, timedelta(hours=1))}
    monkeypatch.setattr(policy, "RATE_LIMITS", limits)
    api = APIClient()
    body = {"proceeding_type": "DCPI", "documents": [{"document_type": "WRIT"}]}
    assert api.get(POLICY).status_code == 200
    assert api.post(FEES, body, format="json").status_code == 200
    assert api.get(POLICY).status_code == 200
    refused = api.post(FEES, body, format="json")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert api.get(POLICY).status_code == 429


# --- the pre-filing check ---------------------------------------------------------------------


@pytest.fixture
def filer():
    return UserFactory()  # an Individual User


def check(user, case_number, documents, **extra):
    return api_as(user).post(
        CHECK, {"case_number": case_number, "documents": documents}, format="json", **extra
    )


def test_bey_2_pre_filing_check_of_a_filing_that_would_be_accepted(filer):
    CaseFactory(number="DCPI 1234/2025")
    before = saved()
    response = check(
        filer,
        "dcpi 1234/2025",
        [
            {"document_type": "DEF", "name": "defence.pdf", "size": 200_000, "pages": 12},
            {"document_type": "SUM", "name": "summons.pdf", "size": 50_000, "pages": 2},
        ],
    )
    assert response.status_code == 200
    body = response.json()
    assert body["case_number"] == "DCPI 1234/2025"
    assert body["acceptable"] is True and body["problems"] == []
    assert body["fee"]["total"] == "210.00" and body["fee"]["currency"] == "HKD"
    assert body["file_limits"]["max_pages"] == 500
    assert saved() == before  # nothing changed


def test_svc_1_the_pre_filing_check_hands_the_submission_the_case_and_policy_it_read(filer):
    case = CaseFactory(number="DCPI 1234/2025")
    documents = [selectors.DocumentToCheck("DEF", name="defence.pdf", size=200_000, pages=12)]
    found = selectors.filing_check(actor=filer, case_number="dcpi 1234/2025", documents=documents)
    assert found.case == case
    assert found.policy.proceeding_type.code == "DCPI"
    assert found.policy.limits == found.limits
    assert found.policy.document_type("DEF").code == "DEF"
    unknown = selectors.filing_check(actor=filer, case_number="DCPI 1/2025", documents=documents)
    assert unknown.case is None and unknown.policy is None


@pytest.fixture
def cases():
    CaseFactory(number="DCPI 1234/2025")
    CaseFactory(number="DCCJ 55/2025", type_code="DCCJ")
    CaseFactory(
        number="DCTC 9/2025",
        type_code="DCTC",
        status=CaseStatus.FINALLY_DISPOSED,
        final_disposal_date=datetime.date(2025, 10, 1),
    )


DEFENCE = [{"document_type": "DEF", "name": "defence.pdf", "size": 1000, "pages": 3}]


@pytest.mark.parametrize(
    ("number", "documents", "code", "detail", "document"),
    [
        (
            "DCPI 4321/2025",
            DEFENCE,
            "case_not_found",
            "DCPI 4321/2025 is not found in the court's records: check the number.",
            None,
        ),
        ("not a number", DEFENCE, "not_a_case_number", "This is not a case number.", None),
        (
            "DCCJ 55/2025",
            DEFENCE,
            "case_not_e_enabled",
            "DCCJ 55/2025 is a case whose proceedings are not conducted through iCMS",
            None,
        ),
        (
            "DCTC 9/2025",
            DEFENCE,
            "case_disposed",
            "DCTC 9/2025 has been finally disposed of: nothing more can be filed in it.",
            None,
        ),
        (
            "DCPI 1234/2025",
            [{"document_type": "REPLYX", "size": 10, "pages": 1}],
            "document_type_not_allowed",
            "REPLYX is not a document type that may be filed in DCPI (Personal Injuries Action).",
            0,
        ),
        (
            "DCPI 1234/2025",
            DEFENCE * 4,
            "too_many_files",
            "A filing has at most 3 files; this one has 4.",
            None,
        ),
        (
            "DCPI 1234/2025",
            [{"document_type": "DEF", "name": "big.pdf", "size": 10 * MIB + 1, "pages": 3}],
            "file_too_large",
            "The file big.pdf is larger than 10.0\xa0MB.",
            0,
        ),
        (
            "DCPI 1234/2025",
            [{"document_type": "DEF", "name": "long.pdf", "size": 1000, "pages": 501}],
            "too_many_pages",
            "The file long.pdf has 501 pages; at most 500 are accepted.",
            0,
        ),
        (
            "DCPI 1234/2025",
            [{"document_type": "DEF", "name": "empty.pdf", "size": 0, "pages": 1}],
            "file_empty",
            "The file empty.pdf is empty.",
            0,
        ),
        ("DCPI 1234/2025", [], "no_documents", "Name at least one document to file.", None),
    ],
)
def test_bey_2_pre_filing_check_names_each_problem(
    filer, cases, number, documents, code, detail, document
):
    before = saved()
    body = check(filer, number, documents).json()
    assert body["acceptable"] is False
    assert [p["code"] for p in body["problems"]] == [code]
    assert body["problems"][0]["detail"].startswith(detail)
    assert body["problems"][0]["document"] == document
    assert saved() == before


def test_bey_2_pre_filing_check_in_chinese(filer, cases):
    body = check(
        filer,
        "DCTC 9/2025",
        [{"document_type": "DEF", "name": "long.pdf", "size": 1000, "pages": 301}],
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    ).json()
    assert [p["detail"] for p in body["problems"]] == [
        "DCTC 9/2025已最終處置：不能再在該案件存檔。",
        "檔案long.pdf有301頁；最多接受300頁。",
    ]


def test_svc_1_pre_filing_check_of_uploaded_files_by_content(filer, cases, settings):
    api = api_as(filer)
    response = api.post(
        CHECK,
        {
            "case_number": "DCPI 1234/2025",
            "document_type": ["DEF", "AFF"],
            "file": [
                SimpleUploadedFile("defence.pdf", good_pdf(pages=2)),
                SimpleUploadedFile("affidavit.pdf", png_bytes()),
            ],
        },
        format="multipart",
    )
    assert response.status_code == 200
    body = response.json()
    assert [(p["code"], p["document"]) for p in body["problems"]] == [("not_a_pdf", 1)]
    assert "affidavit.pdf is not a PDF file" in body["problems"][0]["detail"]
    assert body["fee"]["total"] == "0.00"
    assert stored_names() == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("IU", 200),
        ("OU", 200),
        ("PA", 403),
        ("REGISTRY", 403),
    ],
)
def test_bey_2_pre_filing_check_is_for_holders_who_file(cases, who, status):
    users = {
        "anonymous": None,
        "IU": UserFactory(),
        "OU": OrganizationAccountFactory(role=Role.OU),
        "PA": OrganizationAccountFactory(role=Role.PA, branch=None),
        "REGISTRY": StaffFactory(role=Role.REGISTRY),
    }
    assert check(users[who], "DCPI 1234/2025", DEFENCE).status_code == status


# --- the registry's maintenance ------------------------------------------------------------------


def test_bey_2_registry_adds_and_changes_a_document_type_through_the_api_audited(registry_clerk):
    api = api_as(registry_clerk)
    dctc = proceeding_type("DCTC")
    created = api.post(
        STAFF_TYPES,
        {
            "proceeding_type": dctc.pk,
            "code": "dcc",
            "name_en": "Defence and Counterclaim",
            "name_zh": "抗辯及反申索書",
            "linking_role": "DEFENCE_AND_COUNTERCLAIM",
            "fee": "630.10",
        },
        format="json",
    )
    assert created.status_code == 201
    row = created.json()
    assert row["code"] == "DCC" and row["fee"] == "630.10" and row["active"] is True
    record = AuditRecord.objects.filter(action="document_type.created").get()
    assert record.after["fee"] == "630.10" and record.after["proceeding_type"] == "DCTC"

    changed = api.patch(
        f"{STAFF_TYPES}{row['id']}/", {"fee": "630.20", "active": False}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["fee"] == "630.20" and changed.json()["active"] is False
    record = AuditRecord.objects.filter(action="document_type.updated").get()
    assert record.before == {"code": "DCC", "fee": "630.10", "active": True}
    assert record.after == {"code": "DCC", "fee": "630.20", "active": False}
    assert DocumentType.objects.get(pk=row["id"]).fee == Decimal("630.20")

    listed = api.get(STAFF_TYPES, {"proceeding_type": "DCTC"}).json()
    assert "DCC" in {t["code"] for t in listed}
    assert api.get(f"{STAFF_TYPES}{row['id']}/").json()["active"] is False


def test_svc_1_registry_says_which_side_files_a_document_type_audited(client, registry_clerk):
    api = api_as(registry_clerk)
    summons = DocumentType.objects.get(proceeding_type__code="DCPI", code="SUM")
    assert summons.filed_by == "ANY_PARTY"
    changed = api.patch(f"{STAFF_TYPES}{summons.pk}/", {"filed_by": "CLAIMING"}, format="json")
    assert changed.status_code == 200 and changed.json()["filed_by"] == "CLAIMING"
    record = AuditRecord.objects.filter(action="document_type.updated").get()
    assert record.before == {"code": "SUM", "filed_by": "ANY_PARTY"}
    assert record.after == {"code": "SUM", "filed_by": "CLAIMING"}
    refused = api.patch(f"{STAFF_TYPES}{summons.pk}/", {"filed_by": "JUDGE"}, format="json")
    assert refused.status_code == 400 and "filed_by" in refused.json()["errors"]
    with pytest.raises(ValidationFailed) as bad:
        services.document_type_update(
            actor=registry_clerk, document_type_id=summons.pk, filed_by="EITHER"
        )
    assert bad.value.errors["filed_by"] == [
        "Choose which side of the proceedings files this document."
    ]
    # The public policy says it, and so does the registry's page, in both languages.
    policy = client.get("/api/v1/policy/").json()
    dcpi = next(p for p in policy["proceedings"] if p["proceeding_type"] == "DCPI")
    sides = {t["code"]: t["filed_by"] for t in dcpi["document_types"]}
    assert (sides["SUM"], sides["DEF"], sides["NTA"]) == ("CLAIMING", "RESPONDING", "ANY_PARTY")
    client.force_login(registry_clerk)
    page = client.get("/backoffice/court-policy/").content.decode()
    assert "The responding side (defendant, respondent, third party)" in page
    chinese = client.get("/zh-hant/backoffice/court-policy/").content.decode()
    assert "應訴方（被告人、答辯人、第三方）" in chinese


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fee": "-1"}, "fee"),
        ({"fee": "1.005"}, "fee"),
        ({"fee": "abc"}, "fee"),
        ({"fee": "100000000"}, "fee"),
        ({"fee": "NaN"}, "fee"),
        ({"code": "def"}, "code"),  # DEF exists in DCPI already
        ({"code": "9X"}, "code"),
        ({"name_en": "  "}, "name_en"),
        ({"linking_role": "JUDGMENT"}, "linking_role"),
        ({"proceeding_type": 999999}, "proceeding_type"),
    ],
)
def test_bey_2_bad_input_saves_nothing(registry_clerk, changes, field):
    body = {
        "proceeding_type": proceeding_type("DCPI").pk,
        "code": "NEW",
        "name_en": "New document",
        "name_zh": "新文件",
        "fee": "10.00",
        **changes,
    }
    before = saved()
    response = api_as(registry_clerk).post(STAFF_TYPES, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert saved() == before


def test_bey_2_bad_change_of_a_fee_saves_nothing(registry_clerk):
    row = DocumentType.objects.get(proceeding_type__code="DCPI", code="WRIT")
    before = saved()
    response = api_as(registry_clerk).patch(
        f"{STAFF_TYPES}{row.pk}/", {"fee": "0.001"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["fee"] == ["A fee has at most two decimal places (cents)."]
    assert saved() == before
    with pytest.raises(ValidationFailed):
        services.document_type_update(actor=registry_clerk, document_type_id=row.pk, code="X")


def test_bey_2_registry_sets_and_removes_file_limits_audited(registry_clerk):
    api = api_as(registry_clerk)
    dctc = proceeding_type("DCTC")
    response = api.put(
        f"{STAFF_LIMITS}{dctc.pk}/",
        {"max_file_bytes": 5 * MIB, "max_pages": 150, "max_files": 2},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["proceeding_type_code"] == "DCTC"
    record = AuditRecord.objects.get(action="file_limits.set")
    assert record.before == {}
    assert record.after == {
        "proceeding_type": "DCTC",
        "max_file_bytes": 5 * MIB,
        "max_pages": 150,
        "max_files": 2,
    }
    dctc_policy = next(
        p for p in APIClient().get(POLICY).json()["proceedings"] if p["proceeding_type"] == "DCTC"
    )
    assert dctc_policy["file_limits"]["max_files"] == 2

    assert api.delete(f"{STAFF_LIMITS}{dctc.pk}/").status_code == 204
    removed = AuditRecord.objects.get(action="file_limits.removed")
    assert removed.before["max_pages"] == 150 and removed.after["limits"] == "default"
    assert selectors.file_limits(dctc.pk).is_default

    response = api.put(
        f"{STAFF_LIMITS}default/",
        {"max_file_bytes": 8 * MIB, "max_pages": 250, "max_files": 3},
        format="json",
    )
    assert response.status_code == 200 and response.json()["proceeding_type"] is None
    changed = AuditRecord.objects.filter(action="file_limits.set").latest("pk")
    assert changed.before == {
        "proceeding_type": "default",
        "max_file_bytes": 10 * MIB,
        "max_pages": 300,
        "max_files": 3,
    }
    assert {row["proceeding_type_code"] for row in api.get(STAFF_LIMITS).json()} == {
        None,
        "DCPI",
    }
    assert api.delete(f"{STAFF_LIMITS}{dctc.pk}/").status_code == 404  # none of its own now


@pytest.mark.parametrize(
    ("limits", "field"),
    [
        ({"max_file_bytes": 10 * MIB + 1}, "max_file_bytes"),
        ({"max_file_bytes": 0}, "max_file_bytes"),
        ({"max_pages": 5001}, "max_pages"),
        ({"max_files": 5}, "max_files"),
    ],
)
def test_bey_2_file_limits_beyond_what_the_portal_receives_are_refused(
    registry_clerk, limits, field
):
    before = saved()
    body = {"max_file_bytes": MIB, "max_pages": 10, "max_files": 1, **limits}
    response = api_as(registry_clerk).put(f"{STAFF_LIMITS}default/", body, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == [field]
    assert saved() == before


@pytest.mark.parametrize("role", [Role.IU, Role.OU, Role.PA, Role.VETTING, Role.HELP_CENTRE])
def test_bey_2_only_the_registry_maintains_the_court_policy(role):
    user = (
        StaffFactory(role=role)
        if role in (Role.VETTING, Role.HELP_CENTRE)
        else UserFactory()
        if role == Role.IU
        else OrganizationAccountFactory(role=role, **({"branch": None} if role == Role.PA else {}))
    )
    api = api_as(user)
    row = DocumentType.objects.get(proceeding_type__code="DCPI", code="WRIT")
    before = saved()
    assert api.get(STAFF_TYPES).status_code == 403
    assert api.patch(f"{STAFF_TYPES}{row.pk}/", {"fee": "1.00"}, format="json").status_code == 403
    body = {"max_file_bytes": MIB, "max_pages": 10, "max_files": 1}
    assert api.put(f"{STAFF_LIMITS}default/", body, format="json").status_code == 403
    assert saved() == before
    with pytest.raises(NotPermitted):
        services.document_type_update(actor=user, document_type_id=row.pk, fee="1.00")


# --- the back office's pages --------------------------------------------------------------------


def test_bey_2_registry_pages_show_and_change_the_policy(client, registry_clerk):
    client.force_login(registry_clerk)
    page = client.get("/backoffice/court-policy/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Writ of Summons" in html and "630.00" in html and "Originating document" in html

    dcpi = proceeding_type("DCPI")
    response = client.post(
        "/backoffice/court-policy/document-types/new/",
        {
            "type-proceeding_type": str(dcpi.pk),
            "type-code": "COPY",
            "type-name_en": "Request for a copy",
            "type-name_zh": "索取副本",
            "type-linking_role": "",
            "type-fee": "0.10",
            "type-active": "on",
        },
    )
    assert response.status_code == 302
    row = DocumentType.objects.get(proceeding_type=dcpi, code="COPY")
    assert row.fee == Decimal("0.10")
    assert AuditRecord.objects.filter(action="document_type.created").count() == 1

    response = client.post(
        f"/backoffice/court-policy/document-types/{row.pk}/",
        {
            "type-name_en": "Request for a copy",
            "type-name_zh": "索取副本",
            "type-linking_role": "",
            "type-fee": "0.20",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.fee == Decimal("0.20") and row.active is False

    limits_page = f"/backoffice/court-policy/file-limits/{proceeding_type('DCTC').pk}/"
    assert (
        "At most 4, the most files one request carries." in client.get(limits_page).content.decode()
    )
    chinese = client.get("/zh-hant" + limits_page).content.decode()
    assert "最多4個，即一次提交可載的檔案數目上限。" in chinese
    response = client.post(
        limits_page,
        {"limits-max_file_bytes": str(MIB), "limits-max_pages": "50", "limits-max_files": "2"},
    )
    assert response.status_code == 302
    assert selectors.file_limits(proceeding_type("DCTC").pk).max_pages == 50


def test_bey_2_registry_page_refusal_saves_nothing_in_chinese(client, registry_clerk):
    client.force_login(registry_clerk)
    before = saved()
    response = client.post(
        "/zh-hant/backoffice/court-policy/document-types/new/",
        {
            "type-proceeding_type": str(proceeding_type("DCPI").pk),
            "type-code": "COPY",
            "type-name_en": "Request for a copy",
            "type-name_zh": "索取副本",
            "type-fee": "0.105",
        },
    )
    assert response.status_code == 200
    assert "費用最多有兩個小數位（仙）。" in response.content.decode()
    assert saved() == before
    page = client.get("/zh-hant/backoffice/court-policy/")
    assert "法院政策" in page.content.decode() and "傳訊令狀" in page.content.decode()


def test_svc_1_registry_page_refuses_a_side_not_in_the_list_and_saves_nothing(
    client, registry_clerk
):
    client.force_login(registry_clerk)
    defence = DocumentType.objects.get(proceeding_type=proceeding_type("DCPI"), code="DEF")
    before = saved()
    response = client.post(
        f"/backoffice/court-policy/document-types/{defence.pk}/",
        {
            "type-name_en": defence.name_en,
            "type-name_zh": defence.name_zh,
            "type-linking_role": defence.linking_role,
            "type-fee": str(defence.fee),
            "type-active": "on",
            "type-filed_by": "JUDGE",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice. JUDGE is not one of the available choices." in (
        response.content.decode()
    )
    assert saved() == before
    defence.refresh_from_db()
    assert defence.filed_by == "RESPONDING"


def test_bey_2_pages_are_for_the_registry(client, vetting_officer):
    client.force_login(vetting_officer)
    assert client.get("/backoffice/court-policy/").status_code == 403
    assert client.get("/backoffice/court-policy/file-limits/").status_code == 403


def test_bey_2_changes_read_in_words_in_the_audit_trail(registry_clerk, system_admin):
    from audit.selectors import audit_trail

    row = DocumentType.objects.get(proceeding_type__code="DCPI", code="WRIT")
    services.document_type_update(actor=registry_clerk, document_type_id=row.pk, fee="630.10")
    services.file_limits_set(actor=registry_clerk, max_file_bytes=MIB, max_pages=100, max_files=2)
    entries = audit_trail(actor=system_admin)["entries"]
    sentences = [entry["sentence"] for entry in entries]
    login = registry_clerk.login_name
    assert sentences[:2] == [
        f"Registry clerk {login} set file limits default of the court policy",
        f"Registry clerk {login} changed document type DCPI WRIT of the court policy",
    ]
    assert ("Fee (HKD)", "630.00") in entries[1]["before"]
    assert ("Fee (HKD)", "630.10") in entries[1]["after"]
    assert audit_trail(actor=system_admin, record="DCPI WRIT")["entries"][0]["record"].action == (
        "document_type.updated"
    )


def test_nfr_4_an_id_too_large_for_any_table_is_not_found(registry_clerk, client):
    """An id past 64 bits names nothing: "not found", never a server error (SQLite, the
    embedded default, cannot take such a number in a query at all)."""
    too_large = 2**63
    api = api_as(registry_clerk)
    response = api.delete(f"{STAFF_LIMITS}{too_large}/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = api.put(
        f"{STAFF_LIMITS}{too_large}/",
        {"max_file_bytes": MIB, "max_pages": 10, "max_files": 1},
        format="json",
    )
    assert response.status_code == 404
    filtered = api.get("/api/v1/backoffice/cases/", {"proceeding_type": too_large})
    assert filtered.status_code == 400 and "proceeding_type" in filtered.json()["errors"]
    assert not AuditRecord.objects.filter(action__startswith="file_limits").exists()
