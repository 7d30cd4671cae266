"""OPS-2: the system administrator reads the audit trail on the back-office page and in the API:
filtered by record, actor, action and dates, a page at a time, each entry in plain words in both
languages; and checks its hash chain."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.urls import reverse

from audit.models import AuditRecord
from audit.selectors import ACTION_LABELS, ACTION_SENTENCES
from audit.services import audit_record
from cases.services.notices import link_request_refuse
from messaging.models import Message, MessageKind
from permissions.roles import Role
from registration.services import application_mark_in_order, application_reject
from tests.factories import (
    CaseFactory,
    CaseLinkFactory,
    CaseLinkRequestFactory,
    StaffFactory,
    UserFactory,
    api_as,
    submit_application,
)

pytestmark = pytest.mark.django_db
URL = "/backoffice/audit-trail/"


def _rows(html: str) -> int:
    body = html.split('<table class="audit-trail">', 1)[1].split("</table>", 1)[0]
    return body.count("<tr>") - 1  # the heading row


def test_ops_2_audit_entries_read_in_plain_words_in_both_languages(
    client, system_admin, vetting_officer
):
    application = submit_application()
    application_reject(actor=vetting_officer, application_id=application.pk, reasons="Incomplete")
    client.force_login(system_admin)
    page = client.get(URL).content.decode()
    ref = application.reference
    assert f"Vetting officer vet1 rejected application {ref}" in page
    assert f"The applicant submitted application {ref}" in page
    # A code of the record's model reads as its label, not as recorded.
    assert "<dt>Status</dt><dd>Awaiting vetting</dd>" in page
    assert "<dd>SUBMITTED</dd>" not in page
    assert "<dt>Reasons for rejection</dt><dd>Incomplete</dd>" in page
    chinese = client.get("/zh-hant" + URL).content.decode()
    assert f"審核人員 vet1拒絕了申請 {ref}" in chinese
    assert f"申請人遞交了申請 {ref}" in chinese
    assert "<dt>拒絕理由</dt><dd>Incomplete</dd>" in chinese
    assert "<dd>等候審核</dd>" in chinese


def test_ops_2_audit_trail_filters_by_record_actor_action_and_dates(
    client, system_admin, vetting_officer
):
    with time_machine.travel(datetime(2026, 3, 2, 2, 0, tzinfo=UTC)):
        first = submit_application()
        application_reject(actor=vetting_officer, application_id=first.pk, reasons="Late")
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=UTC)):
        second = submit_application()
        application_mark_in_order(actor=vetting_officer, application_id=second.pk)
    client.force_login(system_admin)

    def sentences(**params):
        html = client.get(URL, params).content.decode()
        found = re.findall(r"<td>((?:The applicant|Vetting officer)[^<]*)</td>", html)
        return sorted(
            s.replace(first.reference, "FIRST").replace(second.reference, "SECOND") for s in found
        )

    assert sentences(record=first.reference.lower()) == [
        "The applicant submitted application FIRST",
        "Vetting officer vet1 rejected application FIRST",
    ]
    assert sentences(actor="VET1") == [
        "Vetting officer vet1 marked application SECOND in order",
        "Vetting officer vet1 rejected application FIRST",
    ]
    assert sentences(action="application.submitted") == [
        "The applicant submitted application FIRST",
        "The applicant submitted application SECOND",
    ]
    # Hong Kong dates: 2 March 10:00 HKT and 5 March 10:00 HKT.
    assert sentences(date_from="2026-03-03") == [
        "The applicant submitted application SECOND",
        "Vetting officer vet1 marked application SECOND in order",
    ]
    assert sentences(date_to="2026-03-02") == [
        "The applicant submitted application FIRST",
        "Vetting officer vet1 rejected application FIRST",
    ]
    assert sentences(record="IU1999999999") == []
    refused = client.get(URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert "The end date is before the start date." in refused.content.decode()


def test_ops_2_audit_trail_is_paged_newest_first_in_a_fixed_number_of_queries(
    client, system_admin, django_assert_max_num_queries
):
    holder = UserFactory()
    for n in range(60):
        audit_record(actor=None, action="account.opened", obj=holder, after={"n": n})
    client.force_login(system_admin)
    with django_assert_max_num_queries(12):
        first = client.get(URL).content.decode()
    assert _rows(first) == 50
    assert "<dd>59</dd>" in first and "<dd>10</dd>" in first and "<dd>9</dd>" not in first
    older = re.search(r'href="(\?before=\d+)">Older records', first)[1]
    assert "Newer records" not in first
    second = client.get(URL + older.replace("&amp;", "&")).content.decode()
    assert _rows(second) == 10
    assert "<dd>9</dd>" in second and "<dd>0</dd>" in second
    assert "Older records" not in second
    newer = re.search(r'href="(\?after=\d+)">Newer records', second)[1]
    back = client.get(URL + newer).content.decode()
    assert _rows(back) == 50 and "<dd>59</dd>" in back
    assert "Newer records" not in back


def test_ops_2_filters_are_kept_across_pages(client, system_admin):
    holder = UserFactory()
    for _ in range(51):
        audit_record(actor=None, action="account.activated", obj=holder)
    audit_record(actor=None, action="account.opened", obj=holder)
    client.force_login(system_admin)
    first = client.get(URL, {"action": "account.activated"}).content.decode()
    older = re.search(r'href="\?([^"]+)">Older records', first)[1].replace("&amp;", "&")
    assert "action=account.activated" in older
    second = client.get(f"{URL}?{older}").content.decode()
    assert _rows(second) == 1 and "system opened account" not in second


def test_ops_2_the_verify_button_stays(client, system_admin, vetting_officer):
    submit_application()
    client.force_login(system_admin)
    page = client.post(URL).content.decode()
    assert "The chain is intact." in page
    assert "Verify the chain now" in page


def test_ops_2_htmx_gets_the_records_alone(client, system_admin):
    submit_application()
    client.force_login(system_admin)
    part = client.get(URL, {"action": "application.submitted"}, HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert "<html" not in html and "The applicant submitted application" in html


def test_ops_2_audit_trail_is_for_system_administrators(client, vetting_officer):
    client.force_login(vetting_officer)
    assert client.get(reverse("backoffice:audit_trail")).status_code == 403


def test_ops_2_every_action_the_portal_writes_reads_in_words():
    """Each action written in the code (`action="..."` to the audit trail, or a transition's
    `audit_action="..."`) has a label and a sentence."""
    written = set()
    for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        source = path.read_text()
        written |= set(re.findall(r'\baction="([a-z_]+\.[a-z_]+)"', source))
        written |= set(re.findall(r'\baudit_action="([a-z_]+\.[a-z_]+)"', source))
        written |= set(re.findall(r"action=PERSONAL_DATA_READ", source) and [])
    assert "application.rejected" in written and "account.unlocked" in written
    assert written <= set(ACTION_LABELS)
    assert set(ACTION_LABELS) == set(ACTION_SENTENCES)


def test_ops_2_records_awaiting_sealing_are_shown(client, system_admin):
    holder = UserFactory()
    audit_record(actor=None, action="account.opened", obj=holder)
    assert AuditRecord.objects.get().sequence is None
    client.force_login(system_admin)
    assert "awaiting sealing" in client.get(URL).content.decode()


def test_ops_2_cases_links_and_messages_are_named_in_words_in_both_languages(
    client, system_admin, registry_clerk
):
    case = CaseFactory(number="DCPI 4321/2025")
    iu = UserFactory(login_name="iu00004321")
    link = CaseLinkFactory(case=case, organization=None, individual=iu)
    message = Message.objects.create(
        recipient=iu, kind=MessageKind.DIRECTION, case=case, subject="Directions", body="..."
    )
    audit_record(actor=registry_clerk, action="case.created", obj=case)
    audit_record(actor=registry_clerk, action="case_link.created", obj=link)
    audit_record(actor=iu, action="message.read", obj=message)
    client.force_login(system_admin)
    page = client.get(URL).content.decode()
    assert "reg1 entered case DCPI 4321/2025</td>" in page
    assert "reg1 linked iu00004321 (DCPI 4321/2025) to a case party</td>" in page
    assert f"iu00004321 opened message #{message.pk}, which is now read</td>" in page
    assert "cases.case" not in page and "messaging.message" not in page
    chinese = client.get("/zh-hant" + URL).content.decode()
    assert "reg1輸入了案件DCPI 4321/2025</td>" in chinese
    assert f"iu00004321開啟了訊息 #{message.pk}，現已標示為已讀</td>" in chinese
    # Found by the case's number, as typed: the case's record and its link's.
    found = client.get(URL, {"record": "dcpi 4321 / 2025"}).content.decode()
    assert _rows(found) == 2


def test_ops_2_recorded_values_read_as_yes_no_a_dash_and_hong_kong_time(client, system_admin):
    holder = UserFactory()
    audit_record(
        actor=None,
        action="account.opened",
        obj=holder,
        before={"organization": None, "notes": ""},
        after={
            "public": True,
            "originating": False,
            "court_level": "DC",
            "read_at": "2026-11-27T04:09:59.799055+00:00",
            "decided_at": "2026-11-27 16:30:00+00:00",
        },
    )
    client.force_login(system_admin)
    page = client.get(URL).content.decode()
    assert "<dt>Organization</dt><dd>—</dd>" in page
    assert "<dt>Notes</dt><dd>—</dd>" in page
    assert "<dt>In the public Cause Book</dt><dd>Yes</dd>" in page
    assert "<dt>Originating document</dt><dd>No</dd>" in page
    assert "<dt>Court level</dt><dd>DC</dd>" in page
    assert "<dt>Read at</dt><dd>27 Nov 2026, 12:09</dd>" in page  # 04:09 UTC
    assert "<dt>Decided at</dt><dd>28 Nov 2026, 00:30</dd>" in page  # the next day in Hong Kong
    chinese = client.get("/zh-hant" + URL).content.decode()
    assert "<dt>列於公眾審訊案件表</dt><dd>是</dd>" in chinese
    assert "<dt>原訴文件</dt><dd>否</dd>" in chinese
    assert "<dt>法院級別</dt><dd>DC</dd>" in chinese
    assert "<dt>閱讀時間</dt><dd>2026年11月27日 12:09</dd>" in chinese


def test_ops_2_typed_text_that_only_looks_like_an_instant_is_shown_as_typed(client, system_admin):
    """A payer's own reference is anyone's text; the page never fails on it."""
    holder = UserFactory()
    for typed in (
        "2026-13-45T99:99:99+00:00",
        "2026-02-30T00:00:00Z",
        "9999-12-31T23:59:59-23:59",
        "٢٠٢٦-١١-٢٧T04:09:59+00:00",  # Arabic-Indic digits
    ):
        audit_record(actor=None, action="account.opened", obj=holder, after={"reference": typed})
    client.force_login(system_admin)
    page = client.get(URL)
    assert page.status_code == 200
    assert "<dd>2026-13-45T99:99:99+00:00</dd>" in page.content.decode()
    assert "<dd>9999-12-31T23:59:59-23:59</dd>" in page.content.decode()


@pytest.mark.parametrize("typed", ["²", "P²", "#①", "P" + "9" * 30, "#" + "9" * 30])
def test_ops_2_a_search_for_a_number_in_any_script_finds_nothing_and_fails_nothing(
    client, system_admin, typed
):
    client.force_login(system_admin)
    page = client.get(URL, {"record": typed})
    assert page.status_code == 200
    assert "No audit records match." in page.content.decode()


def test_ops_2_a_case_number_finds_its_requests_to_link_and_reads_their_status(
    client, system_admin
):
    request = CaseLinkRequestFactory()
    link_request_refuse(
        actor=StaffFactory(role=Role.REGISTRY), request_id=request.pk, reasons="Not a party."
    )
    client.force_login(system_admin)
    page = client.get(URL, {"record": request.case.number.lower()}).content.decode()
    assert f"request to link {request.case.number} (#{request.pk})" in page
    assert "<dd>Refused</dd>" in page and "<dd>REFUSED</dd>" not in page


# --- the API ---------------------------------------------------------------------------------

API = "/api/v1/backoffice/audit-trail/"


def test_ops_2_the_api_reads_the_trail_as_recorded_and_in_words(system_admin, vetting_officer):
    application = submit_application()
    application_reject(actor=vetting_officer, application_id=application.pk, reasons="Incomplete")
    api = api_as(system_admin)
    body = api.get(API).json()
    rejected = body["results"][0]
    assert rejected["action"] == "application.rejected" and rejected["actor"] == "vet1"
    assert rejected["object_type"] == "registration.application"
    assert rejected["object_id"] == str(application.pk)
    assert rejected["after"]["rejection_reasons"] == "Incomplete"
    assert (
        rejected["sentence"] == f"Vetting officer vet1 rejected application {application.reference}"
    )
    chinese = api.get(API, HTTP_ACCEPT_LANGUAGE="zh-hant").json()["results"][0]
    assert chinese["sentence"] == f"審核人員 vet1拒絕了申請 {application.reference}"
    only = api.get(API, {"action": "application.submitted"}).json()["results"]
    assert [r["action"] for r in only] == ["application.submitted"]
    assert api.get(API, {"actor": "VET1"}).json()["results"][0]["id"] == rejected["id"]
    assert api.get(API, {"record": application.reference}).json()["results"]
    refused = api.get(API, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert refused.status_code == 400 and "date_to" in refused.json()["errors"]
    assert api.get(API, {"action": "no.such"}).status_code == 400


def test_ops_2_the_api_pages_the_trail_by_fifty(system_admin):
    holder = UserFactory()
    for n in range(60):
        audit_record(actor=None, action="account.opened", obj=holder, after={"n": n})
    api = api_as(system_admin)
    first = api.get(API).json()
    assert [r["after"]["n"] for r in first["results"]] == list(range(59, 9, -1))
    assert first["newer"] is None and first["older"]
    second = api.get(API, {"before": first["older"]}).json()
    assert [r["after"]["n"] for r in second["results"]] == list(range(9, -1, -1))
    assert second["older"] is None and second["newer"]
    back = api.get(API, {"after": second["newer"]}).json()
    assert back["results"] == first["results"]


def test_ops_2_the_api_checks_the_chain_and_finds_an_altered_record(
    system_admin, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            submit_application()
    api = api_as(system_admin)
    intact = api.post(f"{API}verify/").json()
    assert intact["ok"] is True
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET after = %s WHERE sequence = 2", ['{"x": 1}'])
    altered = api.post(f"{API}verify/").json()
    assert altered["ok"] is False and "#2" in altered["detail"]


def test_ops_2_the_api_trail_is_for_system_administrators(vetting_officer):
    api = api_as(vetting_officer)
    assert api.get(API).status_code == 403
    assert api.post(f"{API}verify/").status_code == 403
