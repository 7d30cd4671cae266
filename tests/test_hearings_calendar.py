"""BEY-6: a holder's calendar feed of the hearings of the cases it sees (an IU its own, an OU
those assigned to it, a PA or SA its organization's), through a secret address that it makes
and stops; a stopped or unknown address is "not found"."""

import datetime
import logging
import re

import pytest

from accounts.models import AccountStatus
from audit.models import AuditRecord
from core.workdays import local_today
from hearings import ics, services
from hearings.models import CalendarFeed, HearingType
from hearings.tokens import token_hash
from permissions.roles import Role
from tests.factories import (
    CaseAssignmentFactory,
    CaseLinkFactory,
    OrganizationAccountFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


def _list(clerk, case, day, time="09:30", **values):
    fields = {
        "date": day,
        "start_time": time,
        "court": "District Court",
        "courtroom": "Court 23",
        "judge_en": "HH Judge LEE",
        "judge_zh": "李法官",
        "case_number": case.number,
        "hearing_type": HearingType.TRIAL,
        "public": True,
    }
    fields.update(values)
    return services.hearing_create(actor=clerk, **fields)


def _feed_path(client, user) -> str:
    client.force_login(user)
    page = client.post("/cause-book/calendar/", {"action": "create"})
    assert page.status_code == 200
    url = re.search(r'value="(http[^"]+\.ics)"', page.text).group(1)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _unfolded(body: str) -> str:
    return body.replace("\r\n ", "")


@pytest.fixture
def cases(clerk):
    """An IU's case (with a public hearing and one in chambers), another IU's case, and an
    organization's case assigned to one of its OUs."""
    day = local_today() + datetime.timedelta(days=2)
    iu = UserFactory()
    own = CaseLinkFactory(organization=None, individual=iu).case
    others = CaseLinkFactory(organization=None, individual=UserFactory()).case
    assignment = CaseAssignmentFactory()
    firm_case = assignment.link.case
    _list(clerk, own, day)
    _list(clerk, own, day, time="14:00", hearing_type=HearingType.CHAMBERS)
    _list(clerk, others, day, time="10:00")
    _list(clerk, firm_case, day, time="11:00")
    return {
        "iu": iu,
        "own": own,
        "others": others,
        "firm_case": firm_case,
        "ou": assignment.organization_user,
        "organization": assignment.link.organization,
        "day": day,
    }


def test_bey_6_the_feed_lists_the_holders_hearings_as_icalendar(client, cases):
    path = _feed_path(client, cases["iu"])
    client.logout()
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    assert answer["Cache-Control"] == "private, no-store"
    raw = answer.content.decode()
    assert raw.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "")
    for line in raw.split("\r\n"):
        assert len(line.encode()) <= 75
    body = _unfolded(raw)
    assert body.count("BEGIN:VEVENT") == 2  # its case's hearings, in chambers too
    assert f"SUMMARY:{cases['own'].number} Trial" in body
    assert f"SUMMARY:{cases['own'].number} Chambers hearing" in body
    # 09:30 in Hong Kong is 01:30 UTC.
    assert f"DTSTART:{cases['day']:%Y%m%d}T013000Z" in body
    assert "LOCATION:District Court\\, Court 23" in body
    assert re.search(r"UID:hearing-\d+@", body) and re.search(r"DTSTAMP:\d{8}T\d{6}Z", body)
    assert "CHAN Tai Man v. LEE Ka Yan" in body
    # Another holder's case is not in it.
    assert cases["others"].number not in body
    assert cases["firm_case"].number not in body


def test_bey_6_an_ou_sees_its_assigned_cases_a_pa_its_organizations(client, cases):
    ou_body = _unfolded(client.get(_feed_path(client, cases["ou"])).content.decode())
    assert cases["firm_case"].number in ou_body
    assert cases["own"].number not in ou_body and cases["others"].number not in ou_body
    pa = OrganizationAccountFactory(role=Role.PA, organization=cases["organization"], branch=None)
    pa_body = _unfolded(client.get(_feed_path(client, pa)).content.decode())
    assert cases["firm_case"].number in pa_body
    assert cases["own"].number not in pa_body
    # An OU of the same organization that the case is not assigned to sees nothing of it.
    other_ou = OrganizationAccountFactory(role=Role.OU, organization=cases["organization"])
    other_body = client.get(_feed_path(client, other_ou)).content.decode()
    assert "BEGIN:VEVENT" not in other_body


def test_bey_6_the_feed_is_in_the_holders_language(client, cases):
    cases["iu"].preferred_language = "zh-hant"
    cases["iu"].save(update_fields=["preferred_language"])
    body = _unfolded(client.get(_feed_path(client, cases["iu"])).content.decode())
    assert "李法官" in body and "區域法院" in body
    # The court and the courtroom joined as Chinese joins them.
    assert "LOCATION:區域法院，第23號法庭" in body


def test_bey_6_a_stopped_or_replaced_address_is_not_found(client, cases):
    first = _feed_path(client, cases["iu"])
    second = _feed_path(client, cases["iu"])  # a new address stops the first
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    page = client.get("/cause-book/calendar/")
    assert "Stop this address" in page.text and second.split("/")[-1] not in page.text
    assert client.post("/cause-book/calendar/", {"action": "revoke"}).status_code == 302
    client.logout()
    assert client.get(second).status_code == 404
    assert client.get("/cause-book/calendar/" + "x" * 43 + ".ics").status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 0
    actions = list(
        AuditRecord.objects.filter(action__startswith="calendar_feed.").values_list(
            "action", flat=True
        )
    )
    assert actions == ["calendar_feed.created", "calendar_feed.created", "calendar_feed.revoked"]


def test_bey_6_only_a_keyed_hash_of_the_token_is_kept(client, cases):
    path = _feed_path(client, cases["iu"])
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 43  # 256 bits in base64
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == token_hash(token) and token not in feed.token_hash


def test_bey_6_an_ended_account_s_address_is_not_found(client, cases):
    path = _feed_path(client, cases["iu"])
    cases["iu"].status = AccountStatus.SUSPENDED
    cases["iu"].save(update_fields=["status"])
    client.logout()
    assert client.get(path).status_code == 404


def test_auth_6_a_refused_calendar_address_is_logged_without_its_token(client, cases, caplog):
    """A suspended holder's address is "not found", and Django logs the refused path; the
    address works again once the account is re-activated, so its token stays out of the log."""
    caplog.set_level(logging.INFO)
    path = _feed_path(client, cases["iu"])
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    cases["iu"].status = AccountStatus.SUSPENDED
    cases["iu"].save(update_fields=["status"])
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get("/zh-hant" + path).status_code == 404
    assert "Not Found: /cause-book/calendar/…" in caplog.text
    assert token not in caplog.text
    cases["iu"].status = AccountStatus.ACTIVE
    cases["iu"].save(update_fields=["status"])
    assert client.get(path).status_code == 200


def test_bey_6_court_staff_and_strangers_have_no_calendar(client, clerk):
    assert client.get("/cause-book/calendar/").status_code == 302  # to the login page
    client.force_login(clerk)
    assert client.get("/cause-book/calendar/").status_code == 403


def test_bey_6_long_lines_are_folded_between_characters():
    line = "SUMMARY:" + "陳大文" * 20
    folded = ics.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
    assert folded.replace("\r\n ", "") == line
    assert ics.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_bey_6_a_holders_account_page_leads_to_its_calendar(client, cases):
    for holder in (cases["iu"], cases["ou"]):
        client.force_login(holder)
        assert 'href="/cause-book/calendar/"' in client.get("/account/").content.decode()
        chinese = client.get("/zh-hant/account/").content.decode()
        assert 'href="/zh-hant/cause-book/calendar/">聆訊日曆</a>' in chinese


def test_bey_6_a_holders_case_page_leads_to_its_hearings_chambers_included(client, cases):
    client.force_login(cases["iu"])
    own = cases["own"]
    case_page = client.get(f"/cases/{own.pk}/").content.decode()
    assert f'href="/cause-book/cases/{own.pk}/"' in case_page
    page = client.get(f"/cause-book/cases/{own.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count(f">{own.number}</td>") == 2  # the trial and the hearing in chambers
    assert "09:30" in text and "14:00" in text and "Chambers hearing" in text
    assert client.get(f"/zh-hant/cause-book/cases/{own.pk}/").status_code == 200


def test_bey_6_another_holders_case_hearings_are_not_found(client, cases, clerk):
    client.force_login(cases["iu"])
    assert client.get(f"/cause-book/cases/{cases['others'].pk}/").status_code == 404
    assert client.get(f"/cause-book/cases/{cases['firm_case'].pk}/").status_code == 404
    client.force_login(cases["ou"])
    assert client.get(f"/cause-book/cases/{cases['firm_case'].pk}/").status_code == 200
    client.force_login(clerk)
    assert client.get(f"/cause-book/cases/{cases['own'].pk}/").status_code == 403
