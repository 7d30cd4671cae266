"""CASE-3 (b) [A45]: a Notice of Consent to transact by iCMS, lodged online by an IU (for
itself) or a PA or SA (for its organization), or keyed in by the registry from paper; the
holders' list of their own notices; GEN-2 refusals of a case that is not e-enabled."""

import datetime

import pytest
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from audit.models import AuditRecord
from cases.models import CaseLink, CaseLinkRequest, CaseStatus, LinkRoute, LodgementChannel
from cases.services.notices import (
    AlreadyLinked,
    RequestAlreadyPending,
    notice_of_consent_key_in,
    notice_of_consent_lodge,
)
from core.errors import NotPermitted, ValidationFailed
from core.workdays import local_today
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    CaseFactory,
    CaseLinkFactory,
    CaseLinkRequestFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    api_as,
    pdf,
)

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _lodge(actor, **overrides):
    values = {
        "case_number": overrides.pop("case", None) or CaseFactory().number,
        "party_type": "PLAINTIFF",
        "party_name": "CHAN Tai Man",
        "document": pdf("consent.pdf"),
    }
    values.update(overrides)
    return notice_of_consent_lodge(actor=actor, **values)


def _errors(call) -> dict:
    with pytest.raises(ValidationFailed) as refused:
        call()
    return refused.value.errors


def test_case_3_b_iu_lodges_a_notice_of_consent_for_itself():
    iu = UserFactory()
    case = CaseFactory(number="DCPI 77/2025")
    request = _lodge(iu, case=" dcpi 0077/2025 ", party_name="  CHAN   Tai Man ")
    assert request.route == LinkRoute.NOTICE_OF_CONSENT
    assert (request.individual, request.organization) == (iu, None)
    assert request.case == case
    assert request.party_name == "CHAN Tai Man"
    assert (request.channel, request.received_on) == (LodgementChannel.ONLINE, local_today())
    assert request.status == "PENDING"
    # Stored under a name of our own, never the sender's.
    assert request.document.name.startswith("case-notices/")
    assert "consent" not in request.document.name
    assert request.document.read().startswith(b"%PDF-")
    record = AuditRecord.objects.get(action="case_link_request.lodged")
    assert record.after["case"] == "DCPI 77/2025"
    assert not CaseLink.objects.exists()  # nothing linked until the registry accepts


@pytest.mark.parametrize("role", [Role.PA, Role.SA])
def test_case_3_b_administrator_lodges_for_its_organization(role):
    administrator = OrganizationAccountFactory(role=role)
    request = _lodge(administrator)
    assert (request.organization, request.individual) == (administrator.organization, None)
    assert request.lodged_by == administrator


@pytest.mark.parametrize("role", [Role.OU, Role.VETTING, Role.REGISTRY, Role.HELP_CENTRE])
def test_case_3_b_others_may_not_lodge_online(role):
    actor = OrganizationAccountFactory(role=role) if role == Role.OU else StaffFactory(role=role)
    with pytest.raises(NotPermitted):
        _lodge(actor)
    assert not CaseLinkRequest.objects.exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1234/2025", "Enter a case number as the court writes it"),
        ("DСPI 1/2025", "Enter a case number as the court writes it"),  # a Cyrillic С
        ("DCPI 999999/2025", "No case has the number DCPI 999999/2025"),
        ("DCCJ 5/2025", "The proceedings stay on paper"),
        ("DCTC 6/2025", "has been finally disposed of"),
    ],
)
def test_gen_2_case_3_b_a_case_that_cannot_be_linked_is_refused_clearly(typed, expected):
    CaseFactory(number="DCCJ 5/2025", type_code="DCCJ")
    CaseFactory(
        number="DCTC 6/2025",
        type_code="DCTC",
        status=CaseStatus.FINALLY_DISPOSED,
        final_disposal_date=datetime.date(2025, 6, 1),
    )
    errors = _errors(lambda: _lodge(UserFactory(), case_number=typed))
    assert expected in str(errors["case_number"][0])
    assert not CaseLinkRequest.objects.exists()


def test_case_3_b_party_and_signed_pdf_are_required():
    errors = _errors(
        lambda: _lodge(UserFactory(), party_type="JUDGE", party_name="   ", document=None)
    )
    assert set(errors) == {"party_type", "party_name", "document"}
    image = pdf("scan.png", PNG)
    errors = _errors(lambda: _lodge(UserFactory(), document=image))
    assert "PDF" in str(errors["document"][0])
    errors = _errors(lambda: _lodge(UserFactory(), document=pdf("empty.pdf", b"")))
    assert "empty" in str(errors["document"][0])
    assert not CaseLinkRequest.objects.exists()


def test_case_3_b_second_pending_request_for_the_same_case_and_party_type_is_refused():
    iu = UserFactory()
    case = CaseFactory()
    _lodge(iu, case=case.number)
    with pytest.raises(RequestAlreadyPending):
        _lodge(iu, case=case.number, party_name="Someone else")
    # Another party type, or another holder, may.
    _lodge(iu, case=case.number, party_type="DEFENDANT", party_name="LEE Ka Yan")
    _lodge(UserFactory(), case=case.number)
    # A request listed in the application counts as pending too.
    other = CaseFactory()
    CaseLinkRequestFactory(case=other, individual=iu)
    with pytest.raises(RequestAlreadyPending):
        _lodge(iu, case=other.number)
    assert CaseLinkRequest.objects.count() == 4


def test_case_3_b_a_party_the_holder_is_already_linked_to_is_refused():
    pa = OrganizationAccountFactory(role=Role.PA)
    link = CaseLinkFactory(organization=pa.organization)
    with pytest.raises(AlreadyLinked):
        _lodge(pa, case=link.case.number, party_name="chan tai  man")
    # The other party of the case is not linked to it.
    _lodge(pa, case=link.case.number, party_type="DEFENDANT", party_name="LEE Ka Yan")


def test_case_3_b_registry_keys_in_a_paper_notice_for_an_iu_or_an_organization():
    clerk = StaffFactory(role=Role.REGISTRY)
    iu = UserFactory()
    firm = OrganizationFactory()
    case = CaseFactory()
    received = local_today() - datetime.timedelta(days=2)
    by_hand = notice_of_consent_key_in(
        actor=clerk,
        login_name=f" {iu.login_name.upper()} ",
        case_number=case.number,
        party_type="PLAINTIFF",
        party_name="CHAN Tai Man",
        channel=LodgementChannel.BY_HAND,
        received_on=received,
        document=pdf("scan.pdf"),
    )
    assert (by_hand.individual, by_hand.channel, by_hand.received_on) == (
        iu,
        LodgementChannel.BY_HAND,
        received,
    )
    code = firm.code.lower()
    by_post = notice_of_consent_key_in(
        actor=clerk,
        organization_code=f"{code[:5]}-{code[5:]}",
        case_number=case.number,
        party_type="DEFENDANT",
        party_name="LEE Ka Yan",
        channel=LodgementChannel.POST,
        received_on=local_today(),
        document=pdf("scan.pdf"),
    )
    assert by_post.organization == firm and by_post.lodged_by == clerk


def test_case_3_b_key_in_refuses_bad_paper_details_and_saves_nothing():
    clerk = StaffFactory(role=Role.REGISTRY)
    pa = OrganizationAccountFactory(role=Role.PA)

    def key_in(**overrides):
        values = {
            "case_number": CaseFactory().number,
            "party_type": "PLAINTIFF",
            "party_name": "CHAN Tai Man",
            "channel": LodgementChannel.POST,
            "received_on": local_today(),
            "document": pdf(),
            "login_name": UserFactory().login_name,
        }
        values.update(overrides)
        return notice_of_consent_key_in(actor=clerk, **values)

    tomorrow = local_today() + datetime.timedelta(days=1)
    assert set(_errors(lambda: key_in(received_on=tomorrow, channel="ONLINE"))) == {
        "received_on",
        "channel",
    }
    # Neither or both ways of naming the holder; a PA's login name is not an IU's.
    assert "login_name" in _errors(lambda: key_in(login_name=""))
    assert "login_name" in _errors(lambda: key_in(organization_code="ABCDE12345"))
    assert "login_name" in _errors(lambda: key_in(login_name=pa.login_name))
    assert "organization_code" in _errors(
        lambda: key_in(login_name="", organization_code="00000-00000")
    )
    assert not CaseLinkRequest.objects.exists()
    with pytest.raises(NotPermitted):
        notice_of_consent_key_in(
            actor=StaffFactory(role=Role.HELP_CENTRE),
            login_name="x",
            case_number="",
            party_type="",
            party_name="",
            channel="",
            received_on=None,
            document=None,
        )


# --- the holders' pages and API ----------------------------------------------------------------


def test_case_3_b_the_notice_of_consent_as_a_pdf_in_the_api_for_its_holder_and_the_registry():
    iu, other_iu = UserFactory(), UserFactory()
    mine = _lodge(iu)
    theirs = _lodge(other_iu)
    listed = CaseLinkRequestFactory(individual=iu)  # route (a): no notice, no file
    api = api_as(iu)
    rows = {row["id"]: row for row in api.get("/api/v1/case-link-requests/").json()}
    assert rows[mine.pk]["has_document"] is True and rows[listed.pk]["has_document"] is False
    document = api.get(
        f"/api/v1/case-link-requests/{mine.pk}/document/", HTTP_ACCEPT="application/pdf"
    )
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert b"".join(document.streaming_content) == mine.document.open("rb").read()
    assert api.get(f"/api/v1/case-link-requests/{theirs.pk}/document/").status_code == 404
    assert api.get(f"/api/v1/case-link-requests/{listed.pk}/document/").status_code == 404
    registry = api_as(StaffFactory(role=Role.REGISTRY))
    url = f"/api/v1/backoffice/case-link-requests/{theirs.pk}/document/"
    assert registry.get(url).status_code == 200
    assert (
        registry.get(f"/api/v1/backoffice/case-link-requests/{listed.pk}/document/").status_code
        == 404
    )
    assert api.get(url).status_code == 403


def test_case_3_b_holders_see_only_their_own_and_their_organizations_requests(client):
    iu, other_iu = UserFactory(), UserFactory()
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    mine = _lodge(iu)
    theirs = _lodge(other_iu)
    firms = _lodge(pa)
    listed = CaseLinkRequestFactory(individual=iu)  # route (a), shown with its route

    client.force_login(iu)
    page = client.get("/cases/link-requests/")
    assert page.status_code == 200
    body = page.content.decode()
    assert mine.case.number in body and listed.case.number in body
    assert theirs.case.number not in body and firms.case.number not in body
    assert client.get(f"/cases/link-requests/{mine.pk}/").status_code == 200
    assert client.get(f"/cases/link-requests/{theirs.pk}/").status_code == 404
    assert client.get(f"/cases/link-requests/{firms.pk}/").status_code == 404
    assert client.get(f"/cases/link-requests/{theirs.pk}/document/").status_code == 404
    document = client.get(f"/cases/link-requests/{mine.pk}/document/")
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Security-Policy"] == "sandbox"

    client.force_login(sa)
    body = client.get("/cases/link-requests/").content.decode()
    assert firms.case.number in body and mine.case.number not in body
    assert client.get(f"/cases/link-requests/{firms.pk}/").status_code == 200
    assert client.get(f"/cases/link-requests/{mine.pk}/").status_code == 404

    api = api_as(iu)
    listed_ids = {row["id"] for row in api.get("/api/v1/case-link-requests/").json()}
    assert listed_ids == {mine.pk, listed.pk}
    assert api.get(f"/api/v1/case-link-requests/{theirs.pk}/").status_code == 404
    assert api.get(f"/api/v1/case-link-requests/{firms.pk}/").status_code == 404
    assert api.get("/api/v1/case-link-requests/999999/").status_code == 404


def test_case_3_b_an_ou_has_no_notices_page(client):
    ou = OrganizationAccountFactory(role=Role.OU)
    client.force_login(ou)
    assert client.get("/cases/link-requests/").status_code == 403
    assert client.get("/cases/link-requests/new/").status_code == 403
    assert api_as(ou).get("/api/v1/case-link-requests/").status_code == 403


def test_case_3_b_lodge_through_the_page_in_chinese(client):
    iu = UserFactory()
    case = CaseFactory()
    client.force_login(iu)
    refused = client.post(
        "/zh-hant/cases/link-requests/new/",
        {"case_number": "DCCJ 1/2025", "party_type": "PLAINTIFF", "party_name": "CHAN"},
    )
    assert refused.status_code == 200
    assert "出現問題" in refused.content.decode()
    response = client.post(
        "/zh-hant/cases/link-requests/new/",
        {
            "case_number": case.number,
            "party_type": "PLAINTIFF",
            "party_name": "CHAN Tai Man",
            "document": pdf(),
        },
    )
    request = CaseLinkRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hant/cases/link-requests/{request.pk}/"
    assert request.individual == iu


def test_case_3_b_lodge_through_the_api():
    pa = ApiOnlyAccountFactory(role=Role.PA)
    case = CaseFactory()
    api = api_as(pa)
    response = api.post(
        "/api/v1/case-link-requests/",
        {
            "case_number": case.number,
            "party_type": "DEFENDANT",
            "party_name": "LEE Ka Yan",
            "document": pdf(),
            # Mass assignment: neither the status nor another holder is taken from the input.
            "status": "ACCEPTED",
            "organization": OrganizationFactory().pk,
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "PENDING" and body["route"] == "NOTICE_OF_CONSENT"
    assert body["case_number"] == case.number
    request = CaseLinkRequest.objects.get()
    assert request.organization == pa.organization
    again = api.post(
        "/api/v1/case-link-requests/",
        {
            "case_number": case.number,
            "party_type": "DEFENDANT",
            "party_name": "x",
            "document": pdf(),
        },
        format="multipart",
    )
    assert again.status_code == 409 and again.json()["code"] == "request_already_pending"
    paper = api.post(
        "/api/v1/case-link-requests/",
        {"case_number": "DCCJ 9/2025", "party_type": "DEFENDANT", "party_name": "x"},
        format="multipart",
    )
    assert paper.status_code == 400
    assert set(paper.json()["errors"]) == {"case_number", "document"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_case_3_b_ten_parallel_notices_from_one_organization_make_one_request():
    """The same notice sent ten times at once (a double click, a retried upload): one request
    waits for the registry, nine are refused as already waiting."""
    from django.db import connection

    from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    pa = ApiOnlyAccountFactory(role=Role.PA)
    case = CaseFactory()
    key, _token = api_token_issue(user=pa)

    def work(_index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = client.post(
            "/api/v1/case-link-requests/",
            {
                "case_number": case.number,
                "party_type": "PLAINTIFF",
                "party_name": "CHAN Tai Man",
                "document": pdf(),
            },
            format="multipart",
        )
        return response.status_code, response.json()

    results = run_in_parallel(10, work)
    assert all(kind == "ok" for kind, _value in results), results
    statuses = sorted(value[0] for _kind, value in results)
    assert statuses == [201] + [409] * 9, results
    assert CaseLinkRequest.objects.count() == 1
    assert_audit_chain_intact()


def test_case_3_b_bey_1_home_page_leads_only_holders_of_the_capability_to_the_notices(client):
    consent, change = 'href="/cases/link-requests/"', 'href="/cases/notices-of-change/"'
    expected = {
        Role.IU: (True, False),
        Role.PA: (True, True),
        Role.SA: (True, True),
        Role.OU: (False, False),
    }
    for role, (may_consent, may_change) in expected.items():
        holder = UserFactory() if role == Role.IU else OrganizationAccountFactory(role=role)
        client.force_login(holder)
        body = client.get("/account/").content.decode()
        assert (consent in body, change in body) == (may_consent, may_change), role
    client.force_login(StaffFactory(role=Role.REGISTRY))
    body = client.get("/backoffice/").content.decode()
    assert 'href="/backoffice/link-requests/"' in body
    assert 'href="/backoffice/notices-of-change/"' in body
    client.force_login(StaffFactory(role=Role.VETTING))
    assert 'href="/backoffice/link-requests/"' not in client.get("/backoffice/").content.decode()
