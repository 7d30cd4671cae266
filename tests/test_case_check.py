"""Journey 1, GEN-2, REG-9: what the court says of a typed case number: known and e-enabled
(with the proceeding's name), known but on paper, finally disposed of, not in the records, or
not a case number; nothing more (no parties, no title). In the public API and as the
application forms' live check (rate-limited per address), and on the vetting page."""

import datetime

import pytest
from rest_framework.test import APIClient

from cases.models import CaseStatus
from permissions.roles import Role
from registration.models import ProposedCase
from tests.factories import (
    CaseFactory,
    StaffFactory,
    submit_application,
    submit_pa_application,
)

pytestmark = pytest.mark.django_db

CHECK = "/api/v1/case-check/"
FRAGMENT = "/apply/case-check/"
SECRET_NAMES = ("CHAN Tai Man", "LEE Ka Yan", "Secret Title")


@pytest.fixture
def cases():
    return {
        "linkable": CaseFactory(number="DCPI 1234/2025", title="Secret Title"),
        "not_e_enabled": CaseFactory(number="DCCJ 55/2025", type_code="DCCJ", title="Secret Title"),
        "disposed": CaseFactory(
            number="DCTC 9/2025",
            type_code="DCTC",
            title="Secret Title",
            status=CaseStatus.FINALLY_DISPOSED,
            final_disposal_date=datetime.date(2025, 10, 1),
        ),
    }


@pytest.mark.parametrize(
    ("typed", "result", "number", "proceeding"),
    [
        (
            "dcpi 01234/2025",
            "linkable",
            "DCPI 1234/2025",
            "District Court, Personal Injuries Action",
        ),
        ("DCCJ 55/2025", "not_e_enabled", "DCCJ 55/2025", "District Court, Civil Action"),
        ("DCTC 9/2025", "disposed", "DCTC 9/2025", "District Court, Tax Claim"),
        ("DCPI 4321/2025", "unknown", "DCPI 4321/2025", ""),
        ("DСPI 1234/2025", "not_a_case_number", None, ""),  # a Cyrillic "С"
    ],
)
def test_journey_1_public_check_says_what_the_court_knows_and_nothing_else(
    cases, typed, result, number, proceeding
):
    response = APIClient().get(CHECK, {"number": typed})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"number", "result", "proceeding", "detail"}
    assert (body["result"], body["number"], body["proceeding"]) == (result, number, proceeding)
    for secret in SECRET_NAMES:
        assert secret not in response.content.decode()


def test_journey_1_check_speaks_the_language_asked(cases):
    body = (
        APIClient().get(CHECK, {"number": "DCPI 1234/2025"}, HTTP_ACCEPT_LANGUAGE="zh-hant").json()
    )
    assert body["proceeding"] == "區域法院人身傷害訴訟"
    assert body["detail"] == (
        "DCPI 1234/2025是以綜合法院案件管理系統進行的法院案件（區域法院人身傷害訴訟）：可以連結。"
    )


def test_journey_1_check_refuses_a_missing_or_huge_number():
    assert APIClient().get(CHECK).status_code == 400
    assert APIClient().get(CHECK, {"number": "D" * 5000}).status_code == 400


def test_journey_1_check_is_rate_limited_per_address(cases):
    """60 checks an hour from one address; the 61st is refused with when to try again, and
    another address is not affected."""
    api = APIClient()
    for _ in range(60):
        assert api.get(CHECK, {"number": "DCPI 1234/2025"}).status_code == 200
    over = api.get(CHECK, {"number": "DCPI 1234/2025"})
    assert over.status_code == 429
    assert over.json()["code"] == "throttled"
    assert 0 < int(over["Retry-After"]) <= 3600
    other = APIClient(REMOTE_ADDR="10.0.0.9").get(CHECK, {"number": "DCPI 1234/2025"})
    assert other.status_code == 200


# --- the application forms' live check ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("DCPI 1234/2025", "DCPI 1234/2025 is a case of the court conducted through iCMS"),
        ("DCCJ 55/2025", "are not conducted through iCMS: it stays on paper"),
        ("DCTC 9/2025", "has been finally disposed of"),
        ("DCPI 4321/2025", "is not found in the court&#x27;s records"),
        ("DCPI/2025", "This is not a case number."),
    ],
)
def test_journey_1_form_fragment_says_it_at_once(client, cases, typed, says):
    response = client.get(FRAGMENT, {"cases-0-case_number": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert says in page
    assert "<html" not in page
    for secret in SECRET_NAMES:
        assert secret not in page


def test_journey_1_form_fragment_in_chinese(client, cases):
    page = client.get("/zh-hant" + FRAGMENT, {"cases-1-case_number": "DCCJ 55/2025"})
    assert "區域法院" in page.content.decode()


def test_journey_1_empty_field_says_nothing(client):
    response = client.get(FRAGMENT, {"cases-0-case_number": "  "})
    assert response.status_code == 200 and response.content == b""


def test_journey_1_form_fragment_is_rate_limited_but_staff_keying_in_are_not(client, cases):
    for _ in range(60):
        client.get(FRAGMENT, {"number": "DCPI 1234/2025"})
    page = client.get(FRAGMENT, {"number": "DCPI 1234/2025"}).content.decode()
    assert "this one was not checked" in page and "conducted through iCMS" not in page
    client.force_login(StaffFactory(role=Role.HELP_CENTRE))
    page = client.get(FRAGMENT, {"number": "DCPI 1234/2025"}).content.decode()
    assert "conducted through iCMS" in page


@pytest.mark.parametrize("path", ["/apply/", "/apply/organization/"])
def test_journey_1_form_asks_as_the_applicant_leaves_the_field(client, path):
    page = client.get(path).content.decode()
    assert 'hx-get="/apply/case-check/"' in page
    assert 'hx-trigger="change"' in page
    assert 'hx-target="#id_cases-0-case_number_check"' in page
    assert 'id="id_cases-0-case_number_check" role="status"' in page
    assert 'aria-describedby="id_cases-0-case_number_helptext id_cases-0-case_number_check"' in page


def test_case_1_listed_case_is_kept_in_the_registrys_form():
    application = submit_application(
        cases=[{"case_number": "ｄｃｐｉ　０１２３４ / 2025", "party_type": "PLAINTIFF"}]
    )
    assert ProposedCase.objects.get(application=application).case_number == "DCPI 1234/2025"


def test_reg_9_the_same_case_listed_twice_is_refused():
    from core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        submit_application(
            cases=[
                {"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"},
                {"case_number": "dcpi 1234/2025", "party_type": "DEFENDANT"},
            ]
        )
    assert refused.value.errors["cases-1-case_number"] == ["This case is already listed above."]


# --- the vetting page ---------------------------------------------------------------------------


def test_reg_9_vetting_page_shows_for_each_listed_case_whether_it_can_be_linked(
    client, cases, vetting_officer
):
    application = submit_application(
        cases=[
            {"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"},
            {"case_number": "DCCJ 55/2025", "party_type": "DEFENDANT"},
            {"case_number": "DCTC 9/2025", "party_type": "DEFENDANT"},
            {"case_number": "DCPI 4321/2025", "party_type": "PLAINTIFF"},
        ]
    )
    client.force_login(vetting_officer)
    page = client.get(f"/backoffice/applications/{application.pk}/").content.decode()
    assert "Listed cases" in page
    assert page.count('<span class="tag">Yes</span>') == 1
    assert page.count('<span class="tag tag-overdue">No</span>') == 3
    assert "it stays on paper and cannot be linked" in page
    assert "has been finally disposed of" in page
    assert "is not found in the court&#x27;s records" in page


def test_reg_9_vetting_page_of_a_pa_application(client, cases, vetting_officer):
    application = submit_pa_application(
        cases=[{"case_number": "DCPI 1234/2025", "party_type": "NOT_A_PARTY"}]
    )
    client.force_login(vetting_officer)
    page = client.get(f"/backoffice/applications/{application.pk}/").content.decode()
    assert "District Court, Personal Injuries Action" in page


def test_reg_9_vetting_api_says_the_same_of_each_listed_case(cases, vetting_officer):
    application = submit_application(
        cases=[
            {"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"},
            {"case_number": "DCCJ 55/2025", "party_type": "DEFENDANT"},
        ]
    )
    api = APIClient()
    api.force_authenticate(vetting_officer)
    body = api.get(f"/api/v1/backoffice/applications/{application.pk}/").json()
    assert [(c["case_number"], c["result"]) for c in body["listed_cases"]] == [
        ("DCPI 1234/2025", "linkable"),
        ("DCCJ 55/2025", "not_e_enabled"),
    ]
    assert "stays on paper" in body["listed_cases"][1]["detail"]
