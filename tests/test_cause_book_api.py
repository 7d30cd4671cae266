"""SVC-3, BEY-6, NFR-3: the Cause Book's operations in the API besides the public search. The
registry lists, corrects, takes off and imports hearings (`/api/v1/backoffice/cause-book/`) as
on its pages, with the same refusals and audit records; a holder reads its own case's hearings
and makes, looks at and stops its calendar address (`/api/v1/cause-book/calendar/`)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from rest_framework.test import APIClient

from audit.models import AuditRecord
from core.workdays import local_today
from hearings import services
from hearings.models import CalendarFeed, CauseBookImport, Hearing, HearingType
from permissions.roles import Role
from tests.factories import CaseFactory, CaseLinkFactory, StaffFactory, UserFactory, api_as
from tests.test_concurrency import run_in_parallel

pytestmark = pytest.mark.django_db

BOOK = "/api/v1/backoffice/cause-book/"
CALENDAR = "/api/v1/cause-book/calendar/"
HEADER = "date,time,court,courtroom,judge_en,judge_zh,case_number,hearing_type,public\n"


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def day():
    """A weekday ahead with no holiday remark: the 2nd of next month, moved off a weekend."""
    today = local_today()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    candidate = first + datetime.timedelta(days=1)
    while candidate.weekday() >= 5:
        candidate += datetime.timedelta(days=1)
    return candidate


def _hearing(case, day, **values) -> dict:
    fields = {
        "case_number": case.number,
        "date": day.isoformat(),
        "time": "09:30",
        "court": "District Court",
        "courtroom": "Court 23",
        "judge_en": "HH Judge LEE",
        "judge_zh": "李法官",
        "hearing_type": HearingType.MENTION,
    }
    fields.update(values)
    return fields


def _listed(clerk, case, day, time="09:30", **values):
    """A hearing listed through the services (which name the time `start_time`)."""
    fields = _hearing(case, day, **values)
    del fields["time"]
    return services.hearing_create(actor=clerk, start_time=time, **fields)


def test_svc_3_the_registry_lists_corrects_and_takes_off_a_hearing_in_the_api(clerk, day):
    case = CaseFactory()
    api = api_as(clerk)
    made = api.post(BOOK, _hearing(case, day, notes="Counsel to confirm"), format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["case_number"] == case.number
    assert body["time"] == "09:30" and body["public"] is True
    assert body["notes"] == "Counsel to confirm"
    assert body["court_level"] == case.proceeding_type.court_level.code
    hearing_id = body["id"]
    assert AuditRecord.objects.filter(action="hearing.created").count() == 1

    # A correction sends only what changes; the rest stays.
    corrected = api.patch(f"{BOOK}{hearing_id}/", {"courtroom": "Court 9"}, format="json")
    assert corrected.status_code == 200, corrected.content
    hearing = Hearing.objects.get(pk=hearing_id)
    assert hearing.courtroom == "Court 9"
    assert hearing.judge_en == "HH Judge LEE" and hearing.notes == "Counsel to confirm"
    assert hearing.start_time == datetime.time(9, 30) and hearing.public is True
    updated = AuditRecord.objects.get(action="hearing.updated")
    assert updated.before["courtroom"] == "Court 23" and updated.after["courtroom"] == "Court 9"
    # The same correction again changes nothing and records nothing.
    assert (
        api.patch(f"{BOOK}{hearing_id}/", {"courtroom": "Court 9"}, format="json").status_code
        == 200
    )
    assert AuditRecord.objects.filter(action="hearing.updated").count() == 1

    read = api.get(f"{BOOK}{hearing_id}/").json()
    assert read["courtroom"] == "Court 9" and read["parties"]

    assert api.delete(f"{BOOK}{hearing_id}/").status_code == 204
    assert not Hearing.objects.filter(pk=hearing_id).exists()
    assert AuditRecord.objects.filter(action="hearing.removed").count() == 1
    assert api.get(f"{BOOK}{hearing_id}/").status_code == 404
    assert api.delete(f"{BOOK}{hearing_id}/").status_code == 404


def test_svc_3_a_hearing_on_a_sunday_is_listed_with_a_warning_in_the_api(clerk, day):
    sunday = day + datetime.timedelta(days=6 - day.weekday())
    made = api_as(clerk).post(BOOK, _hearing(CaseFactory(), sunday), format="json")
    assert made.status_code == 201
    assert any("Sunday" in warning for warning in made.json()["warnings"])
    weekday = api_as(clerk).post(BOOK, _hearing(CaseFactory(), day), format="json")
    assert weekday.json()["warnings"] == []


def test_svc_3_a_chambers_hearing_is_never_public_in_the_api(clerk, day):
    api = api_as(clerk)
    made = api.post(
        BOOK, _hearing(CaseFactory(), day, hearing_type="CHAMBERS", public=True), format="json"
    )
    assert made.json()["public"] is False
    hearing_id = made.json()["id"]
    # Changing its type does not publish it: the registry says so when it means it.
    assert (
        api.patch(f"{BOOK}{hearing_id}/", {"hearing_type": "TRIAL"}, format="json").status_code
        == 200
    )
    assert Hearing.objects.get(pk=hearing_id).public is False
    assert api.patch(f"{BOOK}{hearing_id}/", {"public": True}, format="json").status_code == 200
    assert Hearing.objects.get(pk=hearing_id).public is True


def test_svc_3_bad_hearings_are_refused_by_field_in_the_api_and_nothing_is_saved(clerk, day):
    case = CaseFactory()
    api = api_as(clerk)
    unknown = api.post(BOOK, _hearing(case, day, case_number="DCPI 99999/2025"), format="json")
    assert unknown.status_code == 400
    assert "DCPI 99999/2025" in unknown.json()["errors"]["case_number"][0]
    bad_time = api.post(BOOK, _hearing(case, day, time="25:00"), format="json")
    assert bad_time.status_code == 400 and "time" in bad_time.json()["errors"]
    high_court = api.post(
        BOOK, _hearing(case, day, court="High Court (Court of First Instance)"), format="json"
    )
    assert high_court.status_code == 400 and "court" in high_court.json()["errors"]
    too_long = api.post(BOOK, _hearing(case, day, courtroom="9" * 51), format="json")
    assert too_long.status_code == 400 and "courtroom" in too_long.json()["errors"]
    assert not Hearing.objects.exists()

    first = api.post(BOOK, _hearing(case, day), format="json")
    assert first.status_code == 201
    again = api.post(BOOK, _hearing(case, day), format="json")
    assert again.status_code == 400
    # The services' field is named as the API names it.
    assert again.json()["errors"] == {
        "time": ["This case is already listed at this date, time and courtroom."]
    }
    clash = api.post(BOOK, _hearing(case, day, time="10:00"), format="json")
    moved = api.patch(f"{BOOK}{clash.json()['id']}/", {"time": "09:30"}, format="json")
    assert moved.status_code == 400 and "time" in moved.json()["errors"]
    assert Hearing.objects.count() == 2
    assert api.patch(f"{BOOK}{first.json()['id']}/", {"date": "2026-02-30"}, format="json").json()[
        "errors"
    ].keys() == {"date"}


def test_svc_3_the_registrys_api_list_from_a_day_or_of_one_case(clerk, day):
    case, other = CaseFactory(), CaseFactory()
    api = api_as(clerk)
    for offset, time in ((0, "09:30"), (0, "10:00"), (7, "09:30")):
        api.post(BOOK, _hearing(case, day + datetime.timedelta(days=offset), time=time), "json")
    api.post(BOOK, _hearing(other, day, time="11:00", public=False), format="json")

    listed = api.get(BOOK, {"date": day.isoformat()}).json()
    assert [(r["case_number"], r["date"], r["time"]) for r in listed["results"]] == [
        (case.number, day.isoformat(), "09:30"),
        (case.number, day.isoformat(), "10:00"),
        (other.number, day.isoformat(), "11:00"),
        (case.number, (day + datetime.timedelta(days=7)).isoformat(), "09:30"),
    ]
    assert listed["next"] is None and listed["previous"] is None
    assert listed["results"][2]["public"] is False
    later = api.get(BOOK, {"date": (day + datetime.timedelta(days=1)).isoformat()}).json()
    assert len(later["results"]) == 1
    of_case = api.get(BOOK, {"case_number": f"  {other.number.lower()} "}).json()
    assert [r["case_number"] for r in of_case["results"]] == [other.number]
    refused = api.get(BOOK, {"case_number": "not a number"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "case_number": ["Enter a case number such as DCPI 1234/2025."]
    }
    assert api.get(BOOK, {"date": "2026-13-01"}).status_code == 400
    assert api.get(BOOK, {"page": "2"}).status_code == 404


def test_svc_3_the_registrys_api_pages_by_fifty(clerk, day):
    case = CaseFactory()
    for minute in range(51):
        _listed(clerk, case, day, time=f"09:{minute:02d}")
    api = api_as(clerk)
    first = api.get(BOOK, {"date": day.isoformat()}).json()
    assert len(first["results"]) == 50 and first["next"].endswith("page=2")
    second = api.get(first["next"]).json()
    assert [r["time"] for r in second["results"]] == ["09:50"]
    assert second["previous"] and second["next"] is None


def _csv(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("lists.csv", (HEADER + "".join(rows)).encode(), "text/csv")


def test_svc_3_the_registry_imports_a_file_through_the_api(clerk, day):
    case = CaseFactory()
    api = api_as(clerk)
    row = f"{day},09:30,District Court,Court 23,HH Judge LEE,李法官,{case.number},TRIAL,yes\n"
    other = f"{day},11:00,District Court,Court 5,HH Judge WONG,,{case.number},Mention,no\n"
    first = api.post(f"{BOOK}import/", {"file": _csv(row, other)}, format="multipart")
    assert first.status_code == 201, first.content
    assert {k: first.json()[k] for k in ("rows", "created", "updated", "unchanged")} == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    assert first.json()["file_name"] == "lists.csv" and len(first.json()["sha256"]) == 64
    again = api.post(f"{BOOK}import/", {"file": _csv(row, other)}, format="multipart")
    assert again.json()["unchanged"] == 2 and again.json()["created"] == 0
    assert Hearing.objects.count() == 2 and CauseBookImport.objects.count() == 2

    bad = f"{day},9.30,District Court,Court 7,HH Judge LEE,,DCPI 99999/2025,TRIAL,maybe\n"
    new = f"{day},15:00,District Court,Court 7,HH Judge LEE,,{case.number},TRIAL,yes\n"
    refused = api.post(f"{BOOK}import/", {"file": _csv(new, bad)}, format="multipart")
    assert refused.status_code == 400
    text = " ".join(refused.json()["errors"]["file"])
    assert "Line 3" in text and "Line 2" not in text
    assert Hearing.objects.count() == 2 and CauseBookImport.objects.count() == 2
    missing = api.post(f"{BOOK}import/", {}, format="multipart")
    assert missing.status_code == 400 and "file" in missing.json()["errors"]


@pytest.mark.parametrize("role", [None, Role.VETTING, Role.HELP_CENTRE])
def test_svc_3_only_the_registry_keeps_the_cause_book_in_the_api(clerk, day, role):
    hearing = _listed(clerk, CaseFactory(), day)
    someone = UserFactory() if role is None else StaffFactory(role=role)
    api = api_as(someone)
    assert api.get(BOOK).status_code == 403
    assert api.post(BOOK, _hearing(CaseFactory(), day), format="json").status_code == 403
    assert api.get(f"{BOOK}{hearing.pk}/").status_code == 403
    assert api.patch(f"{BOOK}{hearing.pk}/", {"courtroom": "X"}, format="json").status_code == 403
    assert api.delete(f"{BOOK}{hearing.pk}/").status_code == 403
    assert api.post(f"{BOOK}import/", {"file": _csv()}, format="multipart").status_code == 403
    assert APIClient().get(BOOK).status_code == 401
    assert Hearing.objects.get(pk=hearing.pk).courtroom == "Court 23"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_3_two_clerks_correcting_one_hearing_at_once_both_keep_theirs(day):
    """Each correction merges what it sends with the hearing as read under its lock."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite admits one writer at a time")
    clerks = [StaffFactory(role=Role.REGISTRY) for _ in range(2)]
    hearing = _listed(clerks[0], CaseFactory(), day)
    changes = [{"courtroom": "Court 9"}, {"judge_en": "HH Judge WONG"}]
    clients = [api_as(clerk) for clerk in clerks]
    results = run_in_parallel(
        2, lambda i: clients[i].patch(f"{BOOK}{hearing.pk}/", changes[i], format="json")
    )
    assert all(kind == "ok" and answer.status_code == 200 for kind, answer in results)
    hearing.refresh_from_db()
    assert (hearing.courtroom, hearing.judge_en) == ("Court 9", "HH Judge WONG")
    assert AuditRecord.objects.filter(action="hearing.updated").count() == 2


# --- a holder's own (BEY-6) ------------------------------------------------------------------


@pytest.fixture
def holder_case(clerk, day):
    iu = UserFactory()
    case = CaseLinkFactory(organization=None, individual=iu).case
    for time, kind in (("09:30", HearingType.TRIAL), ("14:00", HearingType.CHAMBERS)):
        _listed(clerk, case, day, time=time, hearing_type=kind)
    return iu, case


def test_bey_6_a_holder_reads_its_cases_hearings_in_the_api_chambers_included(holder_case):
    iu, case = holder_case
    rows = api_as(iu).get(f"/api/v1/cases/{case.pk}/hearings/").json()
    assert [(r["time"], r["hearing_type"], r["public"]) for r in rows] == [
        ("09:30", "TRIAL", True),
        ("14:00", "CHAMBERS", False),
    ]
    assert rows[0]["case_number"] == case.number and rows[0]["parties"]


def test_bey_6_another_holders_case_hearings_are_not_found_in_the_api(holder_case, clerk):
    _iu, case = holder_case
    assert api_as(UserFactory()).get(f"/api/v1/cases/{case.pk}/hearings/").status_code == 404
    assert api_as(clerk).get(f"/api/v1/cases/{case.pk}/hearings/").status_code == 403
    assert APIClient().get(f"/api/v1/cases/{case.pk}/hearings/").status_code == 401


def test_bey_6_a_holder_makes_reads_and_stops_its_calendar_address_in_the_api(holder_case):
    iu, _case = holder_case
    api = api_as(iu)
    assert api.get(CALENDAR).status_code == 404
    made = api.post(CALENDAR)
    assert made.status_code == 201
    url = made.json()["url"]
    assert url.startswith("http") and url.endswith(".ics")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    feed = APIClient().get(path)
    assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.content
    status = api.get(CALENDAR).json()
    assert status["created_at"] and status["last_read_at"] and "url" not in status

    replaced = api.post(CALENDAR).json()["url"]
    assert APIClient().get(path).status_code == 404
    assert CalendarFeed.objects.filter(account=iu, revoked_at__isnull=True).count() == 1
    assert api.delete(CALENDAR).status_code == 204
    assert APIClient().get("/" + replaced.split("://", 1)[1].split("/", 1)[1]).status_code == 404
    assert api.delete(CALENDAR).status_code == 404
    assert api.get(CALENDAR).json()["detail"] == "You have no calendar address. Make one."
    chinese = api.get(CALENDAR, HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert chinese.status_code == 404 and chinese.json()["detail"] == "你沒有日曆地址，請建立一個。"
    actions = list(
        AuditRecord.objects.filter(action__startswith="calendar_feed.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["calendar_feed.created"] * 2 + ["calendar_feed.revoked"]


def test_bey_6_court_staff_have_no_calendar_in_the_api(clerk):
    api = api_as(clerk)
    assert api.get(CALENDAR).status_code == 403
    assert api.post(CALENDAR).status_code == 403
    assert api.delete(CALENDAR).status_code == 403
    assert not CalendarFeed.objects.exists()
