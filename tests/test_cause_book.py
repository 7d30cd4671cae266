"""SVC-3, GEN-3: the Cause Book. The public searches the hearings listed, by date, court,
judge, case number and party name, in English and Chinese, without logging in, within a rate
limit; a hearing not public (in chambers, a case heard in private) is never listed. The
registry lists, corrects and takes off hearings, and imports files of them: a file with a bad
line is refused whole, and importing it again changes nothing."""

import datetime
from io import StringIO
from types import MappingProxyType

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditRecord
from cases.models import Case, CaseParty, PartyType
from cases.services.registry import case_create, case_party_add, case_party_update
from core import policy
from core.errors import NotPermitted, ValidationFailed
from core.workdays import local_today
from hearings import services
from hearings.models import CauseBookImport, Hearing, HearingType
from hearings.selectors import CauseBookFilters, cause_book_search, staff_hearings
from permissions.roles import Role
from tests.conftest import PortalClient
from tests.factories import CaseFactory, StaffFactory, UserFactory
from tests.plans import plan

pytestmark = pytest.mark.django_db

HEADER = "date,time,court,courtroom,judge_en,judge_zh,case_number,hearing_type,public\n"


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def today():
    return local_today()


def _list(clerk, case, day, time="09:30", courtroom="Court 23", **values):
    fields = {
        "date": day,
        "start_time": time,
        "court": "District Court",
        "courtroom": courtroom,
        "judge_en": "HH Judge LEE",
        "judge_zh": "李法官",
        "case_number": case.number,
        "hearing_type": HearingType.MENTION,
        "public": True,
        "notes": "",
    }
    fields.update(values)
    return services.hearing_create(actor=clerk, **fields)


def _numbers(response) -> list[str]:
    return [row["case_number"] for row in response.json()["results"]]


@pytest.fixture
def listed(clerk, today):
    """Three cases heard today: one public, one in chambers, one of a case heard in private;
    and one public hearing tomorrow before another judge in the High Court."""
    public = CaseFactory()
    chambers = CaseFactory()
    private = CaseFactory()
    high_court = CaseFactory(type_code="HCA", parties=[(PartyType.PLAINTIFF, "WONG Siu Ming")])
    _list(clerk, public, today)
    _list(clerk, chambers, today, time="10:00", hearing_type=HearingType.CHAMBERS)
    _list(clerk, private, today, time="11:00", public=False)
    _list(
        clerk,
        high_court,
        today + datetime.timedelta(days=1),
        court="High Court",
        courtroom="Court 5",
        judge_en="Hon CHAN J",
        judge_zh="陳法官",
        hearing_type=HearingType.TRIAL,
    )
    return {"public": public, "chambers": chambers, "private": private, "high": high_court}


# --- the public search ------------------------------------------------------------------------


def test_svc_3_todays_list_by_default_never_a_hearing_not_public(client, listed):
    page = client.get("/cause-book/")
    assert page.status_code == 200
    assert listed["public"].number in page.text
    assert "CHAN Tai Man v. LEE Ka Yan" in page.text
    assert "HH Judge LEE" in page.text
    # In chambers, or of a case heard in private: not listed, though on the same day.
    assert listed["chambers"].number not in page.text
    assert listed["private"].number not in page.text
    assert listed["high"].number not in page.text  # tomorrow
    api = client.get("/api/v1/cause-book/")
    assert api.status_code == 200
    assert _numbers(api) == [listed["public"].number]


def test_svc_3_gen_3_a_case_closed_to_the_public_leaves_the_cause_book_until_reopened(
    client, clerk, listed
):
    from inspection.services import case_inspection_set

    number, party = listed["public"].number, "LEE Ka Yan"
    case_inspection_set(
        actor=clerk, case_id=listed["public"].pk, closed=True, reasons="Family proceedings"
    )
    for path in ("/cause-book/", "/cause-book/print/"):
        assert number not in client.get(path, {"party": party}).text, path
    assert _numbers(client.get("/api/v1/cause-book/", {"party": party})) == []
    assert _numbers(client.get("/api/v1/cause-book/", {"case_number": number})) == []
    case_inspection_set(actor=clerk, case_id=listed["public"].pk, closed=False)
    assert _numbers(client.get("/api/v1/cause-book/", {"party": party})) == [number]


def test_svc_3_one_hearing_found_reads_as_one(client, listed):
    page = client.get("/cause-book/").text
    assert "Hearing 1" in page and "Hearings 1–1" not in page
    assert "第1項聆訊" in client.get("/zh-hant/cause-book/").text


def test_svc_3_a_chambers_hearing_is_not_public_whatever_the_form_says(listed):
    hearing = Hearing.objects.get(case=listed["chambers"])
    assert hearing.public is False


def test_svc_3_a_non_public_hearing_is_never_found_by_any_filter(client, listed, today):
    for params in (
        {"case_number": listed["private"].number},
        {"case_number": listed["chambers"].number},
        {"party": "chan tai man"},
        {"judge": "LEE"},
        {"date": today.isoformat(), "date_to": (today + datetime.timedelta(days=5)).isoformat()},
    ):
        numbers = _numbers(client.get("/api/v1/cause-book/", params))
        assert listed["private"].number not in numbers, params
        assert listed["chambers"].number not in numbers, params
        for path in ("/cause-book/", "/cause-book/print/"):
            text = client.get(path, params).text
            assert f"<td>{listed['private'].number}</td>" not in text, params
            assert f"<td>{listed['chambers'].number}</td>" not in text, params


def test_svc_3_filters_by_date_court_judge_and_case_number(client, listed, today):
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert _numbers(client.get("/api/v1/cause-book/", {"date": tomorrow})) == [
        listed["high"].number
    ]
    both = {"date": today.isoformat(), "date_to": tomorrow}
    assert _numbers(client.get("/api/v1/cause-book/", both)) == [
        listed["public"].number,
        listed["high"].number,
    ]
    assert _numbers(client.get("/api/v1/cause-book/", {**both, "court_level": "HC"})) == [
        listed["high"].number
    ]
    assert _numbers(client.get("/api/v1/cause-book/", {**both, "judge": "chan j"})) == [
        listed["high"].number
    ]
    assert _numbers(client.get("/api/v1/cause-book/", {**both, "judge": "李"})) == [
        listed["public"].number
    ]
    # A case number read leniently, as everywhere.
    typed = listed["high"].number.lower().replace(" ", "  ")
    assert _numbers(client.get("/api/v1/cause-book/", {**both, "case_number": typed})) == [
        listed["high"].number
    ]


def test_svc_3_bad_input_is_refused_with_field_errors(client):
    api = client.get("/api/v1/cause-book/", {"case_number": "not a number"})
    assert api.status_code == 400
    assert "case_number" in api.json()["errors"]
    too_long = client.get("/api/v1/cause-book/", {"date": "2026-01-01", "date_to": "2026-03-01"})
    assert too_long.status_code == 400 and "date_to" in too_long.json()["errors"]
    page = client.get("/cause-book/", {"date": "yesterday"})
    assert page.status_code == 200 and "error-summary" in page.text


def test_svc_3_party_name_in_any_case_and_spacing(client, listed, today):
    for typed in ("chan  tai man", "CHAN TAI MAN", " Chan\tTai  Man ", "tai man", "ＣＨＡＮ"):
        assert _numbers(client.get("/api/v1/cause-book/", {"party": typed})) == [
            listed["public"].number
        ], typed
    # A query never runs across two parties' names.
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "man lee"})) == []
    assert "CHAN Tai Man v. LEE Ka Yan" in client.get("/cause-book/", {"party": "ka yan"}).text


def test_svc_3_chinese_party_names_by_any_part(client, clerk, today):
    case = case_create(
        actor=clerk,
        number="DCPI 77/2025",
        title="陳大文 v. 李家欣",
        parties=[
            {"party_type": "PLAINTIFF", "name": "CHAN Tai Man", "name_zh": "陳大文"},
            {"party_type": "DEFENDANT", "name": "LEE Ka Yan"},
        ],
    )
    party = case_party_add(
        actor=clerk, case_id=case.pk, party_type="DEFENDANT", position=2, name="HO Wai"
    )
    _list(clerk, case, today)
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "大文"})) == ["DCPI 77/2025"]
    # A space typed inside a Chinese name does not matter; the words of an English one do.
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "陳大 文"})) == ["DCPI 77/2025"]
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "陳 大 文"})) == ["DCPI 77/2025"]
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "何偉"})) == []
    # The registry adds the Chinese name later: the search finds it at once.
    case_party_update(
        actor=clerk,
        party_id=party.pk,
        party_type="DEFENDANT",
        position=2,
        name="HO Wai",
        name_zh="何偉",
    )
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "何偉"})) == ["DCPI 77/2025"]
    # A correction that leaves the Chinese name out keeps it.
    case_party_update(
        actor=clerk, party_id=party.pk, party_type="DEFENDANT", position=2, name="HO Wai Man"
    )
    assert CaseParty.objects.get(pk=party.pk).name_zh == "何偉"
    assert _numbers(client.get("/api/v1/cause-book/", {"party": "ho wai man"})) == ["DCPI 77/2025"]
    # The Chinese page names the parties in Chinese where the court has the names.
    page = client.get("/zh-hant/cause-book/", {"party": "大文"})
    assert "陳大文 對 LEE Ka Yan、何偉" in page.text


def test_svc_3_the_list_names_the_parties_in_the_order_of_the_title(client, clerk, today):
    """The side that started the case first, each side by position, whatever the order the
    registry added them in; a third party is not in the title of a case with two sides."""
    case = CaseFactory(
        parties=[
            (PartyType.THIRD_PARTY, "HO Third"),
            (PartyType.DEFENDANT, "LEE Ka Yan"),
            (PartyType.PLAINTIFF, "CHAN Tai Man"),
        ]
    )
    case_party_add(
        actor=clerk, case_id=case.pk, party_type=PartyType.DEFENDANT, position=3, name="NG Third"
    )
    case_party_add(
        actor=clerk, case_id=case.pk, party_type=PartyType.DEFENDANT, position=2, name="MAK Second"
    )
    case_party_add(
        actor=clerk, case_id=case.pk, party_type=PartyType.PLAINTIFF, position=2, name="WONG Two"
    )
    one_side = CaseFactory(
        type_code="DCTC",
        parties=[(PartyType.INTERESTED_PARTY, "YIP Later"), (PartyType.RESPONDENT, "SO First")],
    )
    _list(clerk, case, today)
    _list(clerk, one_side, today, time="10:00")
    rows = client.get("/api/v1/cause-book/").json()["results"]
    assert [row["parties"] for row in rows] == [
        "CHAN Tai Man and WONG Two v. LEE Ka Yan and MAK Second and NG Third",
        "SO First and YIP Later",
    ]


def test_svc_3_judge_and_court_in_the_pages_language(client, listed):
    english = client.get("/cause-book/")
    chinese = client.get("/zh-hant/cause-book/")
    assert "HH Judge LEE" in english.text and "李法官" not in english.text
    assert "李法官" in chinese.text and "HH Judge LEE" not in chinese.text
    assert "區域法院" in chinese.text  # "District Court", as its court level is named
    api = client.get("/api/v1/cause-book/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    row = api.json()["results"][0]
    assert row["judge"] == "李法官" and row["judge_en"] == "HH Judge LEE"
    assert row["parties"] == "CHAN Tai Man 對 LEE Ka Yan"


def test_svc_3_results_are_paginated_without_a_count(client, clerk, today):
    """Pages of 50 with next and previous links; the whole search is never counted (issue 15:
    counting read every public hearing of the span)."""
    cases = [CaseFactory() for _ in range(55)]
    for i, case in enumerate(cases):
        _list(clerk, case, today, time=f"{9 + i // 60:02d}:{i % 60:02d}")
    first = client.get("/api/v1/cause-book/").json()
    assert set(first) == {"next", "previous", "results"}
    assert len(first["results"]) == 50 and first["previous"] is None
    assert first["results"][0]["case_number"] == cases[0].number
    second = client.get(first["next"]).json()
    assert [row["case_number"] for row in second["results"]] == [c.number for c in cases[50:]]
    assert second["next"] is None and second["previous"]
    assert client.get(second["previous"]).json()["results"] == first["results"]
    # Past the end, or not a page number: not found, as DRF's page numbers are.
    for page in ("3", "0", "x", "99999999999999999999"):
        missing = client.get("/api/v1/cause-book/", {"page": page})
        assert missing.status_code == 404 and missing.json()["code"] == "not_found"

    page = client.get("/cause-book/")
    assert "Hearings 1–50" in page.text and "hearings found" not in page.text
    assert 'rel="next"' in page.text and 'rel="prev"' not in page.text
    assert cases[49].number in page.text and cases[50].number not in page.text
    last = client.get("/cause-book/", {"page": 2})
    assert "Hearings 51–55" in last.text and cases[54].number in last.text
    assert 'rel="prev"' in last.text and 'rel="next"' not in last.text
    assert "第1至50項聆訊" in client.get("/zh-hant/cause-book/").text
    # A page number that is not one shows the first page.
    assert "Hearings 1–50" in client.get("/cause-book/", {"page": "x"}).text


def test_svc_3_a_page_reads_the_same_queries_however_many_hearings_it_lists(client, clerk, today):
    """A page of the Cause Book (page, API, printable list, registry list and API) reads its
    hearings, their cases and every party's name in a fixed number of queries: none per
    hearing or per case."""
    _list(clerk, CaseFactory(), today)
    registry = PortalClient()
    registry.force_login(clerk)
    urls = {
        "/cause-book/": client,
        "/api/v1/cause-book/": client,
        "/cause-book/print/": client,
        "/backoffice/cause-book/": registry,
        "/api/v1/backoffice/cause-book/": registry,
    }

    def queries(url):
        with CaptureQueriesContext(connection) as ran:
            assert urls[url].get(url).status_code == 200
        return len(ran.captured_queries)

    one = {url: queries(url) for url in urls}
    for i in range(12):
        _list(clerk, CaseFactory(), today, time=f"10:{i:02d}")
    for url, count in one.items():
        assert queries(url) == count, url
    for url in ("/cause-book/", "/cause-book/print/"):
        assert client.get(url).text.count("CHAN Tai Man v. LEE Ka Yan") == 13, url
    assert registry.get("/backoffice/cause-book/").text.count("CHAN Tai Man v. LEE Ka Yan") == 13
    rows = registry.get("/api/v1/backoffice/cause-book/").json()["results"]
    assert [row["parties"] for row in rows] == ["CHAN Tai Man v. LEE Ka Yan"] * 13


def test_svc_3_exactly_one_page_has_no_next_link(client, clerk, today):
    cases = [CaseFactory() for _ in range(50)]
    for i, case in enumerate(cases):
        _list(clerk, case, today, time=f"09:{i:02d}")
    api = client.get("/api/v1/cause-book/").json()
    assert len(api["results"]) == 50 and api["next"] is None and api["previous"] is None
    page = client.get("/cause-book/")
    assert "Hearings 1–50" in page.text and 'class="pager"' not in page.text


def test_svc_3_the_printable_list_has_no_navigation(client, listed):
    printed = client.get("/cause-book/print/")
    assert printed.status_code == 200
    assert listed["public"].number in printed.text
    assert "cause_book_print.css" in printed.text
    assert "main-nav" not in printed.text and "site-header" not in printed.text


def test_gen_3_the_public_search_is_rate_limited(client, monkeypatch):
    monkeypatch.setattr(
        policy,
        "RATE_LIMITS",
        MappingProxyType(
            {**policy.RATE_LIMITS, "cause_book": policy.RateLimit(3, datetime.timedelta(hours=1))}
        ),
    )
    assert client.get("/cause-book/").status_code == 200
    assert client.get("/cause-book/print/").status_code == 200
    assert client.get("/api/v1/cause-book/").status_code == 200
    over = client.get("/cause-book/")
    assert over.status_code == 429 and int(over["Retry-After"]) > 0
    api = client.get("/api/v1/cause-book/")
    assert api.status_code == 429 and api.json()["code"] == "throttled"


@pytest.mark.postgres
def test_svc_3_the_party_search_pages_in_the_index_alone(client, listed, today):
    """On PostgreSQL a page of a search by party name is found by an index-only scan of the
    public list's index (the names copied onto each hearing): no hearing row is read to
    filter, whatever the span."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    filters = CauseBookFilters(
        date_from=today, date_to=today + datetime.timedelta(days=30), party="tai man"
    )
    ids = cause_book_search(filters).values_list("pk", flat=True)[:51]
    assert "Index Only Scan using hearings_in_order" in plan(ids), plan(ids)


@pytest.mark.postgres
def test_svc_3_the_registrys_list_pages_in_the_lists_index_without_sorting(clerk, today):
    """The registry's list from a day on, public or not, reads its page in the order of the
    lists' index: no sort of every hearing ahead, and no count."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    _list(clerk, CaseFactory(), today)
    _list(clerk, CaseFactory(), today, public=False)
    ids = staff_hearings(actor=clerk, date_from=today).values_list("pk", flat=True)[:51]
    found = plan(ids)
    assert "Index Only Scan using hearings_in_order" in found, found
    assert "Sort" not in found, found


def test_svc_3_the_registrys_list_from_a_chosen_day_public_or_not(client, clerk, today):
    """OPS-1: the registry's list starts today unless the clerk chooses a day; it lists the
    hearings not in the public Cause Book too; a date that is not one lists nothing and says
    so, in the page's language."""
    tomorrow, next_week = today + datetime.timedelta(days=1), today + datetime.timedelta(days=7)
    _list(clerk, CaseFactory(number="DCPI 1/2026"), today)
    _list(clerk, CaseFactory(number="DCPI 2/2026"), next_week, public=False)
    client.force_login(clerk)
    both = client.get("/backoffice/cause-book/").text
    assert "DCPI 1/2026" in both and "DCPI 2/2026" in both
    assert "Hearings 1–2" in both and 'rel="next"' not in both
    later = client.get("/backoffice/cause-book/", {"date": tomorrow.isoformat()}).text
    assert "DCPI 1/2026" not in later and "DCPI 2/2026" in later
    assert f'value="{tomorrow.isoformat()}"' in later
    wrong = client.get("/backoffice/cause-book/", {"date": "2026-02-30"})
    assert wrong.status_code == 200
    assert "Enter a valid date." in wrong.text and "DCPI 1/2026" not in wrong.text
    chinese = client.get("/zh-hant/backoffice/cause-book/", {"date": "30/02/2026"}).text
    assert "輸入有效的日期" in chinese
    serial = client.get("/backoffice/cause-book/", {"case_number": "1/2026"}).text
    assert "Give the type of proceedings too, e.g. DCPI 1/2026." in serial
    assert "DCPI 1/2026" not in serial.replace("e.g. DCPI 1/2026", "")
    assert 'value="1/2026"' in serial


def test_svc_3_the_registrys_list_pages_without_a_count(client, clerk, today):
    for i in range(51):
        _list(clerk, CaseFactory(), today, time=f"09:{i:02d}")
    client.force_login(clerk)
    first = client.get("/backoffice/cause-book/", {"date": today.isoformat()}).text
    assert "Hearings 1–50" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert f"date={today.isoformat()}&amp;page=2" in first
    second = client.get("/backoffice/cause-book/", {"date": today.isoformat(), "page": "2"}).text
    assert "Hearing 51" in second and "Hearings 51" not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_svc_3_a_hearing_keeps_its_case_names_whoever_writes_it(clerk, today):
    """The copy of the case's names on each hearing is the database's: set when the hearing
    is written, even with a stale value, and when the case's names change."""
    case = case_create(
        actor=clerk,
        number="DCPI 78/2025",
        title="CHAN Tai Man v. LEE Ka Yan",
        parties=[
            {"party_type": "PLAINTIFF", "name": "CHAN Tai Man", "name_zh": "陳大文"},
            {"party_type": "DEFENDANT", "name": "LEE Ka Yan"},
        ],
    )
    hearing = _list(clerk, case, today)
    assert Hearing.objects.get(pk=hearing.pk).party_names == "lee ka yan\nchan tai man\n陳大文"
    Hearing.objects.filter(pk=hearing.pk).update(party_names="forged")
    assert Hearing.objects.get(pk=hearing.pk).party_names == "lee ka yan\nchan tai man\n陳大文"
    Case.objects.filter(pk=case.pk).update(search_names="ho wai")
    assert Hearing.objects.get(pk=hearing.pk).party_names == "ho wai"


# --- the registry -------------------------------------------------------------------------------


def test_svc_3_only_the_registry_keeps_the_cause_book(client, today):
    case = CaseFactory()
    with pytest.raises(NotPermitted):
        _list(UserFactory(), case, today)
    with pytest.raises(NotPermitted):
        _list(StaffFactory(role=Role.VETTING), case, today)
    client.force_login(UserFactory())
    assert client.get("/backoffice/cause-book/").status_code == 403


def test_svc_3_the_registry_lists_corrects_and_takes_off_a_hearing(client, clerk, today):
    case = CaseFactory()
    client.force_login(clerk)
    answer = client.post(
        "/backoffice/cause-book/new/",
        {
            "case_number": case.number.lower(),
            "date": today.isoformat(),
            "start_time": "14:30",
            "court": "District Court",
            "courtroom": "Court 23",
            "judge_en": "HH Judge LEE",
            "judge_zh": "李法官",
            "hearing_type": "TRIAL",
            "public": "on",
        },
    )
    assert answer.status_code == 302
    hearing = Hearing.objects.get(case=case)
    assert hearing.court_level.code == "DC" and hearing.public
    page = client.get("/backoffice/cause-book/")
    assert case.number in page.text
    data = {
        "case_number": case.number,
        "date": today.isoformat(),
        "start_time": "15:00",
        "court": "District Court",
        "courtroom": "Court 24",
        "judge_en": "HH Judge LEE",
        "judge_zh": "",
        "hearing_type": "TRIAL",
    }
    assert client.post(f"/backoffice/cause-book/{hearing.pk}/", data).status_code == 302
    hearing.refresh_from_db()
    assert hearing.courtroom == "Court 24" and not hearing.public
    confirm = client.post(f"/backoffice/cause-book/{hearing.pk}/remove/")
    assert confirm.status_code == 200 and "confirm-form" in confirm.text
    gone = client.post(f"/backoffice/cause-book/{hearing.pk}/remove/", {"confirm": "yes"})
    assert gone.status_code == 302 and not Hearing.objects.exists()
    actions = list(
        AuditRecord.objects.filter(action__startswith="hearing.").values_list("action", flat=True)
    )
    assert actions == ["hearing.created", "hearing.updated", "hearing.removed"]


def test_svc_3_an_unknown_case_or_bad_time_is_refused(clerk, today):
    with pytest.raises(ValidationFailed) as refused:
        services.hearing_create(
            actor=clerk,
            date=today,
            start_time="25:00",
            court="District Court",
            courtroom="Court 1",
            judge_en="HH Judge LEE",
            case_number="DCPI 999/2025",
            hearing_type="MENTION",
        )
    assert {"start_time", "case_number"} <= set(refused.value.errors)
    assert not Hearing.objects.exists()


@pytest.mark.parametrize("court", ["High Court", "  high   court ", "高等法院"])
def test_svc_3_a_hearing_in_another_court_than_its_cases_is_refused(clerk, today, court):
    case = CaseFactory()  # a DCPI case: District Court
    with pytest.raises(ValidationFailed) as refused:
        services.hearing_create(
            actor=clerk,
            date=today,
            start_time="09:30",
            court=court,
            courtroom="Court 1",
            judge_en="HH Judge LEE",
            case_number=case.number,
            hearing_type="MENTION",
        )
    assert refused.value.errors["court"] == [
        f"{case.number} is a case of the District Court: list it there."
    ]
    assert not Hearing.objects.exists()


def test_svc_3_the_same_case_twice_in_one_slot_is_refused(clerk, today):
    case = CaseFactory()
    _list(clerk, case, today)
    with pytest.raises(ValidationFailed) as refused:
        _list(clerk, case, today)
    assert "start_time" in refused.value.errors
    assert Hearing.objects.count() == 1


# --- the import -------------------------------------------------------------------------------


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode("utf-8")


def test_svc_3_a_good_file_is_imported_and_again_changes_nothing(clerk, today):
    first, second = CaseFactory(), CaseFactory()
    day = today.isoformat()
    data = _csv(
        f"{day},09:30,District Court,Court 23,HH Judge LEE,李法官,{first.number},MENTION,yes",
        f"{day},10:00,District Court,Court 23,HH Judge LEE,李法官,{second.number.lower()},Trial,",
        f"{day},11:00,District Court,Court 24,HH Judge WONG,黃法官,{second.number},CMC,no",
    )
    record = services.cause_book_import(actor=clerk, data=data, file_name="today.csv")
    assert (record.rows, record.created, record.updated, record.unchanged) == (3, 3, 0, 0)
    assert Hearing.objects.filter(public=True).count() == 2
    again = services.cause_book_import(actor=clerk, data=data, file_name="today.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Hearing.objects.count() == 3
    # A corrected judge in the next file corrects the hearing, not a second listing.
    corrected = data.replace(b"HH Judge WONG", b"HH Judge HO")
    third = services.cause_book_import(actor=clerk, data=corrected, file_name="today.csv")
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert Hearing.objects.get(courtroom="Court 24").judge_en == "HH Judge HO"
    assert AuditRecord.objects.filter(action="cause_book.imported").count() == 3


def test_svc_3_a_file_with_bad_lines_is_refused_whole_line_by_line(clerk, today):
    case = CaseFactory()
    day = today.isoformat()
    data = _csv(
        f"{day},09:30,District Court,Court 23,HH Judge LEE,李法官,{case.number},MENTION,yes",
        f"31/02/2026,09:30,District Court,Court 23,HH Judge LEE,,{case.number},MENTION,yes",
        f"{day},9h30,District Court,Court 23,HH Judge LEE,,DCPI 99999/2025,MENTION,yes",
        f"{day},10:00,District Court,Court 23,HH Judge LEE,,{case.number},HEARING,maybe",
        f"{day},09:30,District Court,Court 23,HH Judge LEE,,{case.number},TRIAL,yes",
        "too,few,columns",
    )
    with pytest.raises(ValidationFailed) as refused:
        services.cause_book_import(actor=clerk, data=data)
    problems = refused.value.errors["file"]
    text = "\n".join(str(p) for p in problems)
    assert "Line 2" not in text
    assert "Line 3: date" in text
    assert "Line 4: time" in text and "Line 4: case_number" in text
    assert "Line 5: hearing_type" in text and "Line 5: public" in text
    assert "Line 6: the same case, date, time and courtroom as line 2" in text
    assert "Line 7: 3 columns" in text
    assert not Hearing.objects.exists()
    assert not AuditRecord.objects.filter(action="cause_book.imported").exists()


def test_svc_3_an_import_naming_another_court_reads_the_courts_once(
    clerk, today, django_assert_max_num_queries
):
    case = CaseFactory()  # a District Court case
    rows = [
        f"{today},{9 + n // 6:02d}:{n % 6 * 10:02d},High Court,Court 23,HH Judge LEE,,"
        f"{case.number},MENTION,yes"
        for n in range(30)
    ]
    # The actor's roles, the case, the court levels: not one query per line.
    with django_assert_max_num_queries(8), pytest.raises(ValidationFailed) as refused:
        services.cause_book_import(actor=clerk, data=_csv(*rows))
    problems = [str(p) for p in refused.value.errors["file"]]
    assert len(problems) == 30
    assert problems[0] == (
        f"Line 2: court: {case.number} is a case of the District Court: list it there."
    )


def _lines(cases, day, judge="HH Judge LEE") -> list[str]:
    return [
        f"{day},09:{n:02d},District Court,Court {n % 7 + 1},{judge},,{case.number},MENTION,yes"
        for n, case in enumerate(cases)
    ]


def test_svc_3_an_import_reads_and_writes_in_batches_not_a_query_a_line(clerk, today):
    """An import of 3 lines and one of 40 run the same number of queries, whether they list,
    correct or leave the hearings as they are (a file of 5,000 took 30 s with a query a line;
    docs/decisions.md)."""
    few, many = [CaseFactory() for _ in range(3)], [CaseFactory() for _ in range(40)]

    def queries(lines) -> int:
        with CaptureQueriesContext(connection) as ran:
            services.cause_book_import(actor=clerk, data=_csv(*lines))
        return len(ran.captured_queries)

    for judge in ("HH Judge LEE", "HH Judge LEE", "HH Judge HO"):  # listed, unchanged, corrected
        assert queries(_lines(few, today, judge)) == queries(_lines(many, today, judge)), judge
    assert Hearing.objects.count() == 43
    assert set(Hearing.objects.values_list("judge_en", flat=True)) == {"HH Judge HO"}
    imports = CauseBookImport.objects.order_by("pk")
    assert [(i.created, i.updated, i.unchanged) for i in imports if i.rows == 40] == [
        (40, 0, 0),
        (0, 0, 40),
        (0, 40, 0),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_3_two_imports_of_one_file_at_once_list_each_hearing_once(today):
    """The second waits on the first's new rows and is refused whole, with a message, or
    finds them listed; never a hearing twice, never a server error."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite admits one writer at a time")
    from tests.test_concurrency import run_in_parallel

    clerks = [StaffFactory(role=Role.REGISTRY) for _ in range(2)]
    data = _csv(*_lines([CaseFactory() for _ in range(20)], today))
    results = run_in_parallel(2, lambda i: services.cause_book_import(actor=clerks[i], data=data))
    outcomes = sorted(kind for kind, _ in results)
    assert Hearing.objects.count() == 20
    refused = [value for kind, value in results if kind == "error"]
    assert all(isinstance(error, ValidationFailed) for error in refused), refused
    assert all("import the file again" in str(e.errors["file"][0]) for e in refused)
    imported = [value for kind, value in results if kind == "ok"]
    assert [(r.created, r.unchanged) for r in imported] in (
        [(20, 0)],
        [(20, 0), (0, 20)],
        [(0, 20), (20, 0)],
    )
    assert outcomes in (["error", "ok"], ["ok", "ok"])


def test_svc_3_a_file_without_the_columns_is_refused(clerk):
    with pytest.raises(ValidationFailed) as refused:
        services.cause_book_import(actor=clerk, data=b"date,time\n2026-01-01,09:30\n")
    assert "first line must name the columns" in str(refused.value.errors["file"][0])
    with pytest.raises(ValidationFailed):
        services.cause_book_import(actor=clerk, data="\ufeffdate".encode("utf-16"))


def test_svc_3_the_import_page_shows_each_bad_line(client, clerk, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(clerk)
    bad = _csv(f"{today},09:30,District Court,Court 23,HH Judge LEE,,DCPI 1/1999,MENTION,yes")
    page = client.post(
        "/backoffice/cause-book/import/",
        {"file": SimpleUploadedFile("bad.csv", bad, content_type="text/csv")},
    )
    assert page.status_code == 200
    assert "Line 2: case_number" in page.text and "error-summary" in page.text
    case = CaseFactory()
    good = _csv(f"{today},09:30,District Court,Court 23,HH Judge LEE,,{case.number},TRIAL,yes")
    done = client.post(
        "/backoffice/cause-book/import/",
        {"file": SimpleUploadedFile("good.csv", good, content_type="text/csv")},
    )
    assert done.status_code == 302 and Hearing.objects.filter(case=case).exists()


def test_svc_3_the_sample_file_imports_as_it_is(client, clerk, today):
    """The import page's sample is a file the import takes, once its case is the registry's:
    two hearings on the next working day, the one in chambers not public."""
    CaseFactory(number="DCPI 1234/2025")
    client.force_login(clerk)
    page = client.get("/backoffice/cause-book/import/")
    assert 'href="/backoffice/cause-book/import/sample.csv"' in page.text
    sample = client.get("/backoffice/cause-book/import/sample.csv")
    assert sample.status_code == 200 and sample["Content-Type"] == "text/csv; charset=utf-8"
    assert sample.content.startswith("\ufeff".encode())
    assert "李法官".encode() in sample.content
    record = services.cause_book_import(actor=clerk, data=sample.content, file_name="sample.csv")
    assert (record.rows, record.created) == (2, 2)
    day = Hearing.objects.values_list("date", flat=True).first()
    assert day > today and day.weekday() < 5
    assert sorted(Hearing.objects.values_list("hearing_type", "public")) == [
        ("CHAMBERS", False),
        ("TRIAL", True),
    ]
    assert client.get("/zh-hant/backoffice/cause-book/import/").text.count("下載範例檔案") == 1
    client.force_login(UserFactory())
    assert client.get("/backoffice/cause-book/import/sample.csv").status_code == 403


def test_svc_3_the_import_command(tmp_path, clerk, today):
    case = CaseFactory()
    path = tmp_path / "hearings.csv"
    path.write_bytes(
        _csv(f"{today},09:30,District Court,Court 23,HH Judge LEE,,{case.number},TRIAL,yes")
    )
    out = StringIO()
    call_command("import_cause_book", str(path), "--as", clerk.login_name, stdout=out)
    assert "1 listed" in out.getvalue()
    call_command("import_cause_book", str(path), "--as", clerk.login_name, stdout=out)
    assert "1 as they were" in out.getvalue()
    assert Hearing.objects.count() == 1
    path.write_bytes(_csv(f"{today},09:30,District Court,Court 23,HH Judge LEE,,X,TRIAL,yes"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_cause_book", str(path), "--as", clerk.login_name, stderr=err)
    assert "Line 2: case_number" in err.getvalue()


def test_svc_3_a_numbered_courtroom_reads_in_chinese_on_the_chinese_page(client, clerk, today):
    case = CaseFactory()
    _list(clerk, case, today, courtroom="Court 23")
    _list(clerk, case, today, time="14:30", courtroom="Tribunal Room B")
    english = client.get("/cause-book/", {"case_number": case.number}).content.decode()
    assert ">Court 23</td>" in english
    chinese = client.get("/zh-hant/cause-book/", {"case_number": case.number}).content.decode()
    assert ">第23號法庭</td>" in chinese and ">Court 23</td>" not in chinese
    assert ">Tribunal Room B</td>" in chinese  # named otherwise: as the registry wrote it


def test_svc_3_the_registrys_list_reads_a_numbered_courtroom_in_chinese_too(client, clerk, today):
    case = CaseFactory()
    _list(clerk, case, today, courtroom="Court 23")
    client.force_login(clerk)
    chinese = client.get("/zh-hant/backoffice/cause-book/", {"case_number": case.number}).text
    # As the court beside it (區域法院) and the public list read.
    assert "<td>第23號法庭</td>" in chinese and "<td>Court 23</td>" not in chinese
    english = client.get("/backoffice/cause-book/", {"case_number": case.number}).text
    assert "<td>Court 23</td>" in english


def test_svc_3_a_case_number_without_its_type_is_asked_for_the_type(client):
    page = client.get("/cause-book/", {"case_number": "1234/2025"}).content.decode()
    assert "Give the type of proceedings too, e.g. DCPI 1234/2025." in page
    other = client.get("/cause-book/", {"case_number": "not a number"}).content.decode()
    assert "Enter a case number such as DCPI 1234/2025." in other


def test_svc_3_a_hearing_on_a_sunday_a_holiday_or_a_past_date_is_listed_with_a_warning(client):
    clerk = StaffFactory(role=Role.REGISTRY)
    case = CaseFactory()
    client.force_login(clerk)
    form = {
        "case_number": case.number,
        "start_time": "09:30",
        "court": "District Court",
        "courtroom": "Court 23",
        "judge_en": "HH Judge LEE",
        "hearing_type": "MENTION",
        "public": "on",
    }
    christmas = client.post(
        "/backoffice/cause-book/new/", {**form, "date": "2027-12-25"}, follow=True
    )
    text = christmas.content.decode()
    assert "Check the date: 25 Dec 2027 is a Saturday, a Sunday or a public holiday" in text
    monday = client.post("/backoffice/cause-book/new/", {**form, "date": "2027-12-20"}, follow=True)
    assert "Check the date" not in monday.content.decode()
    past = client.post("/backoffice/cause-book/new/", {**form, "date": "2020-03-02"}, follow=True)
    assert "Check the date: 2 Mar 2020 has passed." in past.content.decode()
    assert Hearing.objects.count() == 3


def test_svc_3_a_court_and_courtroom_typed_in_chinese_read_in_each_pages_language(
    client, clerk, today
):
    """The Chinese form's hints name the court both ways ("District Court（區域法院）"): a clerk
    who types 區域法院 and 第23號法庭 lists the hearing in the English Cause Book as District
    Court, Court 23, and a later listing in the same room in English is the same slot."""
    case = CaseFactory()
    hearing = _list(clerk, case, today, court=" 區域法院 ", courtroom="第23號法庭")
    assert (hearing.court, hearing.courtroom) == ("District Court", "Court 23")
    english = client.get("/cause-book/", {"case_number": case.number}).content.decode()
    assert ">District Court</td>" in english and ">Court 23</td>" in english
    assert "區域法院" not in english and "第23號法庭" not in english
    chinese = client.get("/zh-hant/cause-book/", {"case_number": case.number}).content.decode()
    assert ">區域法院</td>" in chinese and ">第23號法庭</td>" in chinese
    with pytest.raises(ValidationFailed):
        _list(clerk, case, today, court="district court", courtroom="court 23")


def test_svc_3_a_hearing_kept_with_chinese_court_names_reads_in_english_on_the_english_page(
    client, clerk, today
):
    """Hearings listed before the names were kept in English still read in English."""
    case = CaseFactory()
    hearing = _list(clerk, case, today)
    Hearing.objects.filter(pk=hearing.pk).update(court="區域法院", courtroom="第 7 號法庭")
    english = client.get("/cause-book/", {"case_number": case.number}).content.decode()
    assert ">District Court</td>" in english and ">Court 7</td>" in english
    chinese = client.get("/zh-hant/cause-book/", {"case_number": case.number}).content.decode()
    assert ">區域法院</td>" in chinese and ">第7號法庭</td>" in chinese
