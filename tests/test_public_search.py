"""SVC-2, GEN-3: anyone, without logging in, searches the documents open to public inspection
by case number, party name, type of document and dates. What is open is the registry's data:
per document type in the court policy, the court's orders (inspection/rules.py), and a case
the registry closes to the public hides all of its documents. A document not open to the
public is never found: not listed, not counted, not on a later page, not through the API, and
not by guessing its id to pay for its inspection."""

import datetime
from types import MappingProxyType

import pytest
from django.utils import timezone

from audit.models import AuditRecord
from cases.models import Case
from cases.services.registry import case_search_names_refresh
from core import policy
from core.errors import ValidationFailed
from core.names import name_key
from filing.models import DocumentType
from inspection.models import CaseInspection
from inspection.selectors import PAGE_SIZE, open_documents, public_search
from inspection.services import case_inspection_set
from payments.models import Payment
from permissions.roles import Role
from tests.factories import CaseFactory, StaffFactory, UserFactory
from tests.inspection_helpers import case_document, hk
from tests.plans import plan

pytestmark = pytest.mark.django_db

SECRET_TITLES = ("Defence of the secret kind", "Direction to the parties only", "Sealed writ")


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def side_by_side(clerk):
    """An open case and a closed one with the same parties; in each, documents open to the
    public (a writ, an order) beside private ones (a defence, a direction)."""
    open_case = CaseFactory(title="CHAN Tai Man v. LEE Ka Yan")
    closed_case = CaseFactory(title="CHAN Tai Man v. WONG Siu Ming")
    docs = {
        "writ": case_document(
            open_case, kind="WRIT", title="Writ of Summons", dated_at=hk(2025, 3, 1)
        ),
        "order": case_document(
            open_case, kind="ORDER", title="Order on costs", dated_at=hk(2025, 6, 1)
        ),
        "defence": case_document(
            open_case, kind="DEF", title=SECRET_TITLES[0], dated_at=hk(2025, 4, 1)
        ),
        "direction": case_document(
            open_case, kind="DIRECTION", title=SECRET_TITLES[1], dated_at=hk(2025, 5, 1)
        ),
        "sealed": case_document(
            closed_case, kind="WRIT", title=SECRET_TITLES[2], dated_at=hk(2025, 3, 2)
        ),
        "sealed_order": case_document(
            closed_case, kind="ORDER", title="Sealed order", dated_at=hk(2025, 6, 2)
        ),
    }
    case_inspection_set(actor=clerk, case_id=closed_case.pk, closed=True, reasons="Sealed by order")
    return open_case, closed_case, docs


def ids(found) -> set[int]:
    return {row.id for row in found.results}


def test_svc_2_only_documents_open_to_the_public_in_open_cases_are_open(side_by_side):
    _open_case, _closed, docs = side_by_side
    assert set(open_documents().values_list("pk", flat=True)) == {
        docs["writ"].pk,
        docs["order"].pk,
    }


def test_svc_2_search_by_case_number_in_any_spelling_or_a_part(side_by_side):
    open_case, closed_case, docs = side_by_side
    serial = open_case.number.split()[1]
    for typed in (open_case.number, open_case.number.lower(), f"dcpi  {serial}", serial):
        found = public_search(case_number=typed)
        assert ids(found) == {docs["writ"].pk, docs["order"].pk}, typed
    assert ids(public_search(case_number=closed_case.number)) == set()


NUMBERS = ("DCPI 27/2025", "DCPI 270/2024", "DCPI 127/2025", "HCPI 27/2025", "DCTC 27/2025")


@pytest.mark.parametrize(
    "typed",
    ["PI 27", "dcpi 27", "CPI 27/2025", "I 2", "PI 127", "DCPI 27/20", "HCA 27", "TC 2", "27/2025"],
)
def test_svc_2_a_type_and_the_start_of_a_serial_finds_what_contains_it(typed):
    """A part of a case number from its type on ("DCTC 27") is looked up as the end of a
    type's code and the start of a number of it, a prefix the numbers' index finds (a
    trigram index would hold only "DCTC"): the same cases as the numbers holding the part."""
    for number in NUMBERS:
        case_document(CaseFactory(number=number), kind="ORDER")
    folded = typed.upper()
    found = {row.case_number for row in public_search(case_number=typed).results}
    assert found == {number for number in NUMBERS if folded in number}, typed


@pytest.mark.parametrize(
    "typed",
    [
        "CHAN Tai Man",
        "chan tai man",
        "CHANTAIMAN",
        "  Chan   Tai  Man ",
        "ｃｈａｎ　ｔａｉ",
        "tai man",
        "Ka Yan",
    ],
)
def test_svc_2_party_name_in_any_letter_case_and_spacing(side_by_side, typed):
    _open_case, _closed, docs = side_by_side
    assert ids(public_search(party_name=typed)) == {docs["writ"].pk, docs["order"].pk}


def test_svc_2_party_name_of_the_closed_case_only_finds_nothing(side_by_side):
    assert ids(public_search(party_name="WONG Siu Ming")) == set()
    assert ids(public_search(party_name="Cheung")) == set()


def _named_in_chinese(side_by_side, chan: str, lee: str, wong: str) -> None:
    """The Chinese names of the open case's parties and of the closed case's defendant."""
    open_case, closed_case, _docs = side_by_side
    open_case.parties.filter(name="CHAN Tai Man").update(name_zh=chan)
    open_case.parties.filter(name="LEE Ka Yan").update(name_zh=lee)
    closed_case.parties.filter(name="WONG Siu Ming").update(name_zh=wong)
    # What the registry's party services do after every change of a name.
    case_search_names_refresh(open_case.pk)
    case_search_names_refresh(closed_case.pk)


@pytest.mark.parametrize("typed", ["陳大文", "大文", "陳 大 文", "李嘉欣"])
def test_svc_2_party_name_in_chinese_as_in_the_cause_book(side_by_side, typed):
    _open_case, _closed, docs = side_by_side
    _named_in_chinese(side_by_side, "陳大文", "李嘉欣", "黃小明")
    assert ids(public_search(party_name=typed)) == {docs["writ"].pk, docs["order"].pk}
    assert ids(public_search(party_name="黃小明")) == set()


@pytest.mark.parametrize("named_cases_max", [5_000, 0])
def test_svc_2_a_chinese_given_name_alone_two_characters(
    side_by_side, monkeypatch, named_cases_max
):
    """A given name alone ("大文") is two characters, too short for any trigram: on PostgreSQL
    it is found in the index of the names' pairs of characters (cases/0013), a common one among
    the newest documents of all; the same documents either way, spaces in a name do not
    matter, and the end of one name with the start of the next ("文李") is no name."""
    import inspection.selectors as selectors

    _open_case, _closed, docs = side_by_side
    _named_in_chinese(side_by_side, "陳大文", "李 嘉欣", "黃大文")
    monkeypatch.setattr(selectors, "NAMED_CASES_MAX", named_cases_max)
    for typed in ("大文", "大 文", "李嘉", "嘉欣", "陳大"):
        assert ids(public_search(party_name=typed)) == {docs["writ"].pk, docs["order"].pk}, typed
    for typed in ("文李", "欣陳", "小明", "大a"):
        assert ids(public_search(party_name=typed)) == set(), typed


@pytest.mark.parametrize("typed", ["chan tai man", "CHANTAIMAN", "Ka Yan", "Cheung"])
def test_svc_2_a_common_name_finds_what_a_rare_one_does(side_by_side, monkeypatch, typed):
    """A name held by few cases is searched in their documents, a common one among the newest
    documents of all (inspection.selectors.NAMED_CASES_MAX): the same documents either way,
    and never a private one."""
    import inspection.selectors as selectors

    rare = ids(public_search(party_name=typed))
    monkeypatch.setattr(selectors, "NAMED_CASES_MAX", 0)
    assert ids(public_search(party_name=typed)) == rare
    monkeypatch.setattr(selectors, "NAMED_CASES_MAX", 1)
    assert ids(public_search(party_name=typed)) == rare
    _open_case, _closed, docs = side_by_side
    expected = set() if typed == "Cheung" else {docs["writ"].pk, docs["order"].pk}
    assert rare == expected


@pytest.mark.postgres
def test_svc_2_the_search_reads_indexes_not_every_document(side_by_side):
    """On PostgreSQL: the cases named, or a part of a case number, are found in trigram
    indexes (a rare or unknown name reads no case), and a search by dates or by type reads
    the documents newest first in an index, without sorting every document."""
    from django.db import connection as db

    from inspection.selectors import _case_number_condition, _cases_named, _name_keys

    if db.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert "case_name_keys_trgm" in plan(
        _cases_named(_name_keys("Chan  TAIMAN")).values("pk"), bitmap=True
    )
    assert "case_name_pairs" in plan(_cases_named(_name_keys("大 文")).values("pk"), bitmap=True)
    # The conditions of a part of a case number, on the cases they join.
    part = _case_number_condition("1234/20")
    assert part.children == [("case__number__contains", "1234/20")]
    assert "case_number_trgm" in plan(Case.objects.filter(number__contains="1234/20"), bitmap=True)
    part = _case_number_condition("dcpi 2")
    assert part.children[-1] == ("case__number__startswith", "DCPI 2")
    found = plan(Case.objects.filter(number__startswith="DCPI 2"))
    assert "Index Scan" in found and "~>=~ 'DCPI 2'" in found, found
    by_date = open_documents().filter(dated_at__gte=hk(2025, 1, 1)).order_by("-dated_at", "-pk")
    found = plan(by_date[:21])
    assert "documents_newest" in found and "Sort" not in found, found
    by_type = open_documents().filter(kind="WRIT").order_by("-dated_at", "-pk")
    found = plan(by_type[:21])
    assert "documents_of_a_kind_newest" in found and "Sort" not in found, found


@pytest.mark.parametrize("typed", ["%%", "__", "%_%", "c%n", "ch_n"])
def test_svc_2_like_wildcards_typed_are_letters_not_wildcards(side_by_side, typed):
    """A name or a part of a case number typed with SQL's wildcards matches them as typed:
    "%%" is not every case, and "ch_n" does not find CHAN."""
    assert ids(public_search(party_name=typed)) == set()
    assert ids(public_search(case_number=typed.upper())) == set()


def test_svc_2_name_key_folds_case_width_and_spaces():
    assert name_key(" Chan\u3000TAI  man ") == name_key("chantaiman") == "chantaiman"


def test_svc_2_search_by_document_type_and_dates(side_by_side):
    _open_case, _closed, docs = side_by_side
    assert ids(public_search(document_type="WRIT")) == {docs["writ"].pk}
    assert ids(public_search(document_type="ORDER")) == {docs["order"].pk}
    assert ids(public_search(date_from=datetime.date(2025, 5, 15))) == {docs["order"].pk}
    assert ids(public_search(date_to=datetime.date(2025, 3, 1))) == {docs["writ"].pk}
    # Both ends inclusive, in Hong Kong dates.
    found = public_search(date_from=datetime.date(2025, 3, 1), date_to=datetime.date(2025, 6, 1))
    assert ids(found) == {docs["writ"].pk, docs["order"].pk}
    # A private type cannot even be asked for.
    for hidden in ("DEF", "DIRECTION"):
        with pytest.raises(ValidationFailed) as refused:
            public_search(document_type=hidden)
        assert "document_type" in refused.value.errors


def test_svc_2_a_search_needs_a_criterion_and_dates_in_order():
    with pytest.raises(ValidationFailed) as refused:
        public_search()
    assert "__all__" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        public_search(date_from=datetime.date(2025, 6, 1), date_to=datetime.date(2025, 5, 1))
    assert "date_to" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        public_search(party_name="C")
    assert "party_name" in refused.value.errors


def test_svc_2_the_registry_opens_a_document_type_through_the_court_policy(
    side_by_side, clerk, client
):
    _open_case, _closed, docs = side_by_side
    defence = DocumentType.objects.get(proceeding_type__code="DCPI", code="DEF")
    client.force_login(clerk)
    response = client.patch(
        f"/api/v1/backoffice/document-types/{defence.pk}/",
        {"open_to_public_inspection": True},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["open_to_public_inspection"] is True
    record = AuditRecord.objects.filter(action="document_type.updated").latest("pk")
    assert record.after["open_to_public_inspection"] is True
    assert record.before["open_to_public_inspection"] is False
    assert ids(public_search(document_type="DEF")) == {docs["defence"].pk}
    # The page too: the box unticked closes it again.
    page = client.get(f"/backoffice/court-policy/document-types/{defence.pk}/")
    assert "Open to public inspection" in page.content.decode()
    client.post(
        f"/backoffice/court-policy/document-types/{defence.pk}/",
        {
            "type-name_en": "Defence",
            "type-name_zh": "抗辯書",
            "type-fee": "0",
            "type-linking_role": "DEFENCE",
            "type-active": "on",
        },
    )
    defence.refresh_from_db()
    assert defence.open_to_public_inspection is False
    assert docs["defence"].pk not in set(open_documents().values_list("pk", flat=True))


# --- the page ----------------------------------------------------------------------------------


def test_gen_3_search_page_without_login_shows_only_open_documents(side_by_side, client):
    open_case, closed_case, _docs = side_by_side
    page = client.get("/documents/search/", {"party_name": "chan tai man"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Writ of Summons" in text and "Order on costs" in text
    assert open_case.number in text and "CHAN Tai Man v. LEE Ka Yan" in text
    assert "Inspect (search fee HK$145.00)" in text
    for secret in (*SECRET_TITLES, "Sealed order", closed_case.number, "WONG Siu Ming"):
        assert secret not in text
    # Nothing searched: just the form.
    assert client.get("/documents/search/").status_code == 200


def test_gen_3_search_page_in_chinese_and_its_errors(side_by_side, client):
    text = client.get("/zh-hant/documents/search/", {"party_name": "chan"}).content.decode()
    assert "搜尋供公眾查閱的文件" in text and "查閱（查閱費用HK$145.00）" in text
    # The document's own title as filed; its type in Chinese.
    assert "Writ of Summons" in text and "傳訊令狀" in text
    refused = client.get("/documents/search/", {"date_from": "2025-06-01", "date_to": "2025-01-01"})
    assert refused.status_code == 200
    assert "error-summary" in refused.content.decode()
    assert "The last date is before the first." in refused.content.decode()


def test_svc_2_pages_of_results_never_show_private_documents(client):
    case = CaseFactory(title="HO Wing v. LAM Fung")
    start = timezone.now() - datetime.timedelta(days=60)
    public = []
    for n in range(PAGE_SIZE + 5):
        public.append(
            case_document(
                case,
                kind="WRIT",
                title=f"Writ no. {n}",
                dated_at=start + datetime.timedelta(days=n),
            )
        )
        case_document(
            case,
            kind="DEF",
            title=f"Private defence no. {n}",
            dated_at=start + datetime.timedelta(days=n, hours=1),
        )
    first = public_search(case_number=case.number)
    second = public_search(case_number=case.number, page=2)
    assert len(first.results) == PAGE_SIZE and first.has_next and not first.has_previous
    assert len(second.results) == 5 and second.has_previous and not second.has_next
    assert ids(first) | ids(second) == {doc.pk for doc in public}
    # Newest first.
    assert first.results[0].id == public[-1].pk
    page_two = client.get("/documents/search/", {"case_number": case.number, "page": 2})
    text = page_two.content.decode()
    assert "Writ no. 0<" in text and "Private defence" not in text
    assert "Previous page" in text and "Next page" not in text
    assert public_search(case_number=case.number, page=3).results == []


# --- the API -----------------------------------------------------------------------------------


def test_gen_3_api_search_without_login(side_by_side, client):
    open_case, closed_case, docs = side_by_side
    response = client.get("/api/v1/documents/search/", {"party_name": "CHAN TAI MAN"})
    assert response.status_code == 200
    body = response.json()
    assert {row["id"] for row in body["results"]} == {docs["writ"].pk, docs["order"].pk}
    assert body["next"] is None and body["previous"] is None and body["page"] == 1
    row = next(row for row in body["results"] if row["id"] == docs["writ"].pk)
    assert row == {
        "id": docs["writ"].pk,
        "case_number": open_case.number,
        "case_title": "CHAN Tai Man v. LEE Ka Yan",
        "title": "Writ of Summons",
        "document_type": "WRIT",
        "document_type_label": "Writ of Summons",
        "dated_at": row["dated_at"],
    }
    assert (
        client.get("/api/v1/documents/search/", {"case_number": closed_case.number}).json()[
            "results"
        ]
        == []
    )
    refused = client.get("/api/v1/documents/search/", {"document_type": "DEF"})
    assert refused.status_code == 400 and "document_type" in refused.json()["errors"]
    assert client.get("/api/v1/documents/search/").status_code == 400


def test_gen_3_api_search_pages(client):
    case = CaseFactory()
    for n in range(PAGE_SIZE + 1):
        case_document(case, kind="ORDER", title=f"Order {n}")
        case_document(case, kind="DIRECTION", title=f"Direction {n}")
    first = client.get("/api/v1/documents/search/", {"case_number": case.number}).json()
    assert len(first["results"]) == PAGE_SIZE and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]
    assert all(row["document_type"] == "ORDER" for row in first["results"] + second["results"])


def test_svc_2_search_is_rate_limited_per_address(side_by_side, client, monkeypatch):
    limits = dict(policy.RATE_LIMITS)
    limits["public_search"] = policy.RateLimit(uses=2, per=datetime.timedelta(hours=1))
    monkeypatch.setattr(policy, "RATE_LIMITS", MappingProxyType(limits))
    for _n in range(2):
        assert client.get("/documents/search/", {"party_name": "chan"}).status_code == 200
    over = client.get("/documents/search/", {"party_name": "chan"})
    assert over.status_code == 429 and over["Retry-After"]
    api = client.get("/api/v1/documents/search/", {"party_name": "chan"})
    assert api.status_code == 429 and api.json()["code"] == "throttled"


# --- guessing an id ----------------------------------------------------------------------------


def test_svc_2_a_private_or_closed_document_cannot_be_paid_for_by_its_id(side_by_side, client):
    _open_case, _closed, docs = side_by_side
    for name in ("defence", "direction", "sealed", "sealed_order"):
        document = docs[name]
        assert client.post(f"/documents/{document.pk}/inspection/").status_code == 404, name
        assert client.get(f"/documents/{document.pk}/inspection/").status_code == 404, name
        api = client.post(f"/api/v1/documents/{document.pk}/inspection/")
        assert api.status_code == 404 and api.json()["code"] == "not_found", name
    assert client.post("/documents/999999/inspection/").status_code == 404
    assert not Payment.objects.exists()


# --- the registry closes a case ----------------------------------------------------------------


def test_svc_2_registry_closes_a_case_with_reasons_and_opens_it_again(side_by_side, clerk, client):
    open_case, _closed, docs = side_by_side
    client.force_login(clerk)
    url = f"/backoffice/cases/{open_case.pk}/public-inspection/"
    page = client.get(url)
    assert page.status_code == 200 and "Open to public inspection" in page.content.decode()
    assert url in client.get(f"/backoffice/cases/{open_case.pk}/").content.decode()
    refused = client.post(url, {"closed": "1", "reasons": ""})
    assert refused.status_code == 200
    assert "Give the reasons for closing the case to the public." in refused.content.decode()
    assert not CaseInspection.objects.filter(case=open_case).exists()
    assert client.post(url, {"closed": "1", "reasons": "Family proceedings"}).status_code == 302
    assert ids(public_search(case_number=open_case.number)) == set()
    record = AuditRecord.objects.filter(action="case.inspection_closed").latest("pk")
    assert record.actor_id == clerk.pk and record.after["reasons"] == "Family proceedings"
    # The API says so, and opens it again.
    api = client.get(f"/api/v1/backoffice/cases/{open_case.pk}/public-inspection/").json()
    assert api["closed"] is True and api["reasons"] == "Family proceedings"
    reopened = client.put(
        f"/api/v1/backoffice/cases/{open_case.pk}/public-inspection/",
        {"closed": False},
        content_type="application/json",
    )
    assert reopened.status_code == 200 and reopened.json()["closed"] is False
    assert AuditRecord.objects.filter(action="case.inspection_opened").count() == 1
    assert ids(public_search(case_number=open_case.number)) == {docs["writ"].pk, docs["order"].pk}


def test_svc_2_only_the_registry_closes_a_case(side_by_side, client):
    open_case, _closed, _docs = side_by_side
    client.force_login(UserFactory())
    assert client.get(f"/backoffice/cases/{open_case.pk}/public-inspection/").status_code in (
        403,
        404,
    )
    api = client.put(
        f"/api/v1/backoffice/cases/{open_case.pk}/public-inspection/",
        {"closed": True, "reasons": "x"},
        content_type="application/json",
    )
    assert api.status_code == 403
