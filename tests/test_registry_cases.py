"""CASE-1 (journey 1): the registry keeps cases: the number read in one form, whose prefix names
a proceeding type and so the court level; the title; parties with types and positions; final
disposal and reopening. Only registry clerks; every change audited; bad input refused with
nothing saved. Through the services, the pages and the API."""

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditRecord
from cases.models import Case, CaseLink, CaseParty, CaseStatus, LinkRoute, PartyType
from cases.services import registry as services
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.workdays import local_today
from permissions.roles import Role
from tests.factories import (
    CaseFactory,
    CaseLinkFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    party_of,
    proceeding_type,
)

pytestmark = pytest.mark.django_db

PARTIES = [
    {"party_type": "PLAINTIFF", "position": 1, "name": "CHAN Tai Man"},
    {"party_type": "DEFENDANT", "position": 1, "name": "LEE Ka Yan"},
    {"party_type": "DEFENDANT", "position": 2, "name": "Harbour Transport Limited"},
]


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def saved() -> tuple[int, int, int]:
    return Case.objects.count(), CaseParty.objects.count(), AuditRecord.objects.count()


# --- the number, the proceeding type and the court level --------------------------------------


def test_case_1_case_created_in_the_registrys_form_with_its_court_level(registry_clerk):
    case = services.case_create(
        actor=registry_clerk,
        number="  dcpi 01234 / 2025 ",
        title="CHAN Tai Man v.  LEE Ka Yan",
        parties=PARTIES,
    )
    assert case.number == "DCPI 1234/2025"
    assert case.proceeding_type.code == "DCPI"
    assert case.court_level.code == "DC"
    assert case.status == CaseStatus.ONGOING and case.final_disposal_date is None
    assert case.title == "CHAN Tai Man v. LEE Ka Yan"
    assert [(p.party_type, p.position, p.name) for p in case.parties.all()] == [
        ("DEFENDANT", 1, "LEE Ka Yan"),
        ("DEFENDANT", 2, "Harbour Transport Limited"),
        ("PLAINTIFF", 1, "CHAN Tai Man"),
    ]
    record = AuditRecord.objects.get(action="case.created")
    assert record.after["number"] == "DCPI 1234/2025"
    assert record.after["court_level"] == "DC"
    assert record.actor_id == registry_clerk.pk


@pytest.mark.parametrize(
    "number",
    [
        "DCPI 1234",
        "1234/2025",
        "DСPI 1234/2025",  # a Cyrillic "С"
        "dcpı 1234/2025",  # a dotless "ı", which upper-cases to an ASCII "I"
        "DCPI 0/2025",
        "DCPI 1/2099",  # a year to come
        "DCPI 1234/2025" + " " * 200,
        "XYZQ 1/2025",  # no such proceeding type
    ],
)
def test_case_1_what_is_not_a_case_of_the_registry_is_refused_with_nothing_saved(
    registry_clerk, number
):
    before = saved()
    with pytest.raises(ValidationFailed) as refused:
        services.case_create(actor=registry_clerk, number=number, title="A v. B", parties=PARTIES)
    assert "number" in refused.value.errors
    assert saved() == before


def test_case_1_the_same_case_under_another_spelling_is_refused(registry_clerk):
    services.case_create(
        actor=registry_clerk, number="DCPI 7/2025", title="A v. B", parties=PARTIES
    )
    before = saved()
    with pytest.raises(ValidationFailed) as refused:
        services.case_create(
            actor=registry_clerk,
            number="ＤＣＰＩ　００７／２０２５",
            title="C v. D",
            parties=PARTIES,
        )
    assert refused.value.errors["number"] == ["The registry already has a case with this number."]
    assert saved() == before


def test_case_1_a_title_and_at_least_one_party(registry_clerk):
    with pytest.raises(ValidationFailed) as refused:
        services.case_create(actor=registry_clerk, number="DCPI 8/2025", title=" ", parties=[])
    assert set(refused.value.errors) == {"title", "parties"}
    with pytest.raises(ValidationFailed) as refused:
        services.case_create(
            actor=registry_clerk,
            number="DCPI 8/2025",
            title="A v. B",
            parties=[{"party_type": "", "name": ""}, {"party_type": "SPOUSE", "name": "X"}],
        )
    assert set(refused.value.errors) == {"parties-1-party_type"}
    assert not Case.objects.exists()


def test_case_1_no_two_parties_of_one_type_at_one_position(registry_clerk):
    twice = [PARTIES[1], {**PARTIES[2], "position": 1}]
    with pytest.raises(ValidationFailed) as refused:
        services.case_create(actor=registry_clerk, number="DCPI 9/2025", title="A", parties=twice)
    assert set(refused.value.errors) == {"parties-1-position"}
    case = CaseFactory()
    with pytest.raises(ValidationFailed) as refused:
        services.case_party_add(
            actor=registry_clerk, case_id=case.pk, party_type="DEFENDANT", position=1, name="X"
        )
    assert set(refused.value.errors) == {"position"}
    second = services.case_party_add(
        actor=registry_clerk, case_id=case.pk, party_type="DEFENDANT", position=2, name="X Ltd"
    )
    with pytest.raises(ValidationFailed):
        services.case_party_update(
            actor=registry_clerk, party_id=second.pk, party_type="DEFENDANT", position=1, name="X"
        )
    assert case.parties.count() == 3


def test_case_1_title_and_party_corrections_are_audited(registry_clerk):
    case = CaseFactory()
    services.case_update(actor=registry_clerk, case_id=case.pk, title="CHAN v. LEE and Another")
    party = party_of(case, PartyType.DEFENDANT)
    services.case_party_update(
        actor=registry_clerk,
        party_id=party.pk,
        party_type="DEFENDANT",
        position=1,
        name="LEE Ka-yan",
    )
    case.refresh_from_db()
    party.refresh_from_db()
    assert case.title == "CHAN v. LEE and Another" and party.name == "LEE Ka-yan"
    updated = AuditRecord.objects.get(action="case.updated")
    assert updated.after == {"title": "CHAN v. LEE and Another"}
    corrected = AuditRecord.objects.get(action="case.party_updated")
    assert corrected.before["name"] == "LEE Ka Yan" and corrected.after["name"] == "LEE Ka-yan"


def test_case_1_a_party_is_removed_only_if_never_linked(registry_clerk):
    case = CaseFactory(
        parties=[
            (PartyType.PLAINTIFF, "CHAN Tai Man"),
            (PartyType.DEFENDANT, "LEE Ka Yan"),
            (PartyType.THIRD_PARTY, "Entered in error"),
        ]
    )
    link = CaseLinkFactory(case=case, party=party_of(case, PartyType.DEFENDANT))
    link.ended_at = timezone.now()  # an ended link is history all the same
    link.save()
    with pytest.raises(ValidationFailed) as refused:
        services.case_party_remove(actor=registry_clerk, party_id=link.party_id)
    assert "party" in refused.value.errors
    services.case_party_remove(
        actor=registry_clerk, party_id=party_of(case, PartyType.THIRD_PARTY).pk
    )
    assert case.parties.count() == 2
    assert AuditRecord.objects.get(action="case.party_removed").before["name"] == (
        "Entered in error"
    )


def test_case_1_a_case_keeps_one_party(registry_clerk):
    case = CaseFactory(parties=[(PartyType.APPLICANT, "CHAN Tai Man")])
    with pytest.raises(ValidationFailed):
        services.case_party_remove(actor=registry_clerk, party_id=case.parties.get().pk)
    assert case.parties.count() == 1


# --- final disposal and reopening ---------------------------------------------------------------


def test_case_1_final_disposal_on_a_date_neither_future_nor_before_entry(registry_clerk):
    case = CaseFactory()
    for date in (local_today() + timedelta(days=1), local_today() - timedelta(days=1)):
        with pytest.raises(ValidationFailed) as refused:
            services.case_final_disposal_record(
                actor=registry_clerk, case_id=case.pk, final_disposal_date=date
            )
        assert "final_disposal_date" in refused.value.errors
    case.refresh_from_db()
    assert case.status == CaseStatus.ONGOING
    services.case_final_disposal_record(
        actor=registry_clerk, case_id=case.pk, final_disposal_date=local_today()
    )
    case.refresh_from_db()
    assert (case.status, case.final_disposal_date) == (CaseStatus.FINALLY_DISPOSED, local_today())
    with pytest.raises(InvalidTransition):
        services.case_final_disposal_record(
            actor=registry_clerk, case_id=case.pk, final_disposal_date=local_today()
        )
    record = AuditRecord.objects.get(action="case.finally_disposed")
    assert record.before == {"status": "ONGOING"}
    assert record.after["final_disposal_date"] == local_today().isoformat()


def test_case_1_reopening_needs_reasons(registry_clerk):
    case = CaseFactory()
    with pytest.raises(InvalidTransition):
        services.case_reopen(actor=registry_clerk, case_id=case.pk, reasons="In error")
    services.case_final_disposal_record(
        actor=registry_clerk, case_id=case.pk, final_disposal_date=local_today()
    )
    with pytest.raises(ValidationFailed):
        services.case_reopen(actor=registry_clerk, case_id=case.pk, reasons="  ")
    services.case_reopen(actor=registry_clerk, case_id=case.pk, reasons="Judgment set aside")
    case.refresh_from_db()
    assert (case.status, case.final_disposal_date) == (CaseStatus.ONGOING, None)
    assert AuditRecord.objects.get(action="case.reopened").after["reasons"] == "Judgment set aside"


# --- only the registry (ROLE-2) -----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VETTING, Role.HELP_CENTRE, Role.SYSTEM_ADMIN])
def test_case_1_only_registry_clerks_keep_cases(role):
    officer = StaffFactory(role=role)
    case = CaseFactory()
    with pytest.raises(NotPermitted):
        services.case_create(actor=officer, number="DCPI 5/2025", title="A", parties=PARTIES)
    with pytest.raises(NotPermitted):
        services.case_update(actor=officer, case_id=case.pk, title="B")
    with pytest.raises(NotPermitted):
        services.case_final_disposal_record(
            actor=officer, case_id=case.pk, final_disposal_date=local_today()
        )


def test_role_2_holders_get_403_from_every_registry_page_and_operation(client):
    case = CaseFactory()
    for user in (UserFactory(), StaffFactory(role=Role.VETTING)):
        client.force_login(user)
        for path in (
            "/backoffice/cases/",
            f"/backoffice/cases/{case.pk}/",
            "/backoffice/implementation-notices/",
            "/backoffice/court-levels/",
        ):
            assert client.get(path).status_code == 403, path
        api = api_as(user)
        assert api.get("/api/v1/backoffice/cases/").status_code == 403
        assert api.get(f"/api/v1/backoffice/cases/{case.pk}/").status_code == 403
        assert api.post("/api/v1/backoffice/cases/", {}, format="json").status_code == 403


def test_case_1_a_missing_case_is_not_found(registry_clerk):
    with pytest.raises(NotFound):
        services.case_update(actor=registry_clerk, case_id=999999, title="A")
    with pytest.raises(NotFound):
        services.case_update(actor=registry_clerk, case_id="1 OR 1=1", title="A")


# --- the pages -----------------------------------------------------------------------------------


def test_case_1_pages_enter_a_case_and_show_it(client, registry_clerk):
    client.force_login(registry_clerk)
    page = client.get("/backoffice/cases/new/")
    assert page.status_code == 200
    form = {
        "number": "DCTC 12/2025",
        "title": "Commissioner of Inland Revenue v. WONG Siu Ming",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "20",
        "parties-0-party_type": "PLAINTIFF",
        "parties-0-position": "1",
        "parties-0-name": "Commissioner of Inland Revenue",
        "parties-1-party_type": "DEFENDANT",
        "parties-1-position": "1",
        "parties-1-name": "WONG Siu Ming",
        "parties-2-position": "1",
        "parties-3-position": "1",
    }
    response = client.post("/backoffice/cases/new/", form)
    case = Case.objects.get(number="DCTC 12/2025")
    assert response.status_code == 302 and response.url == f"/backoffice/cases/{case.pk}/"
    page = client.get(response.url).content.decode()
    assert "Commissioner of Inland Revenue v. WONG Siu Ming" in page
    assert "District Court" in page and "Tax Claim" in page and "e-enabled" in page


def test_case_1_the_case_page_lists_the_parties_in_the_order_the_title_names_them(
    client, registry_clerk
):
    case = CaseFactory(title="CHAN Tai Man v. LEE Ka Yan and WONG Siu Ming")
    CaseParty.objects.filter(case=case).delete()
    for party_type, position, name in [
        (PartyType.DEFENDANT, 2, "WONG Siu Ming"),
        (PartyType.THIRD_PARTY, 1, "HO Wai Kit"),
        (PartyType.DEFENDANT, 1, "LEE Ka Yan"),
        (PartyType.PLAINTIFF, 1, "CHAN Tai Man"),
    ]:
        CaseParty.objects.create(case=case, party_type=party_type, position=position, name=name)
    client.force_login(registry_clerk)
    page = client.get(f"/backoffice/cases/{case.pk}/").text
    table = page.split('id="parties-caption"')[1].split("</table>")[0]
    names = ["CHAN Tai Man", "LEE Ka Yan", "WONG Siu Ming", "HO Wai Kit"]
    assert sorted(names, key=table.index) == names


def test_case_1_the_disposal_date_is_today_as_a_date_field_reads_it_in_both_languages(
    client, registry_clerk
):
    case = CaseFactory()
    client.force_login(registry_clerk)
    for prefix in ("", "/zh-hant"):
        page = client.get(f"{prefix}/backoffice/cases/{case.pk}/").text
        field = re.search(r'<input type="date" name="final_disposal_date"[^>]*>', page).group(0)
        assert f'value="{local_today().isoformat()}"' in field, prefix


def test_case_1_page_refusal_keeps_what_was_typed_and_saves_nothing(client, registry_clerk):
    client.force_login(registry_clerk)
    before = saved()
    response = client.post(
        "/backoffice/cases/new/",
        {
            "number": "ZZZZ 1/2025",
            "title": "A v. B",
            "parties-TOTAL_FORMS": "1",
            "parties-INITIAL_FORMS": "0",
            "parties-0-party_type": "PLAINTIFF",
            "parties-0-name": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "No proceeding type has the code ZZZZ" in page
    assert "Enter the party&#x27;s name." in page
    assert 'value="A v. B"' in page
    assert saved() == before


def test_case_2_registry_case_page_shows_every_link_current_and_ended(client, registry_clerk):
    case = CaseFactory()
    firm, other = OrganizationFactory(name="Old Firm & Co."), OrganizationFactory(name="New LLP")
    person = UserFactory(surname="Chan", given_name="Tai Man")
    ended = CaseLinkFactory(case=case, organization=firm, route=LinkRoute.NOTICE_OF_CONSENT)
    ended.ended_at = timezone.now()
    ended.ended_by = registry_clerk
    ended.save()
    CaseLinkFactory(case=case, organization=other, route=LinkRoute.NOTICE_OF_CHANGE)
    CaseLinkFactory(
        case=case,
        party=party_of(case, PartyType.DEFENDANT),
        organization=None,
        individual=person,
        route=LinkRoute.FILING,
    )
    client.force_login(registry_clerk)
    page = client.get(f"/backoffice/cases/{case.pk}/").content.decode()
    for text in (
        "Old Firm &amp; Co.",
        "New LLP",
        person.login_name,
        "Notice of Consent to transact by iCMS",
        "Notice of Change of legal representative",
        "Filing accepted by the registry",
        registry_clerk.login_name,
    ):
        assert text in page, text
    assert page.count(">Current<") == 2
    api = api_as(registry_clerk).get(f"/api/v1/backoffice/cases/{case.pk}/").json()
    assert len(api["links"]) == 3
    assert sum(1 for link in api["links"] if link["ended_at"] is None) == 2


def test_case_1_list_searches_filters_and_pages_by_keyset(client, registry_clerk):
    dcpi = proceeding_type("DCPI")
    Case.objects.bulk_create(
        Case(number=f"DCPI {n}/2024", proceeding_type=dcpi, title=f"Case {n}") for n in range(1, 56)
    )
    CaseFactory(number="DCCJ 77/2025", type_code="DCCJ")
    client.force_login(registry_clerk)
    first = client.get("/backoffice/cases/", {"proceeding_type": dcpi.pk})
    assert first.context["cases"][0].number == "DCPI 55/2024"
    assert len(first.context["cases"]) == 50
    assert first.context["next_query"]
    second = client.get("/backoffice/cases/?" + first.context["next_query"])
    assert [c.number for c in second.context["cases"]] == [
        f"DCPI {n}/2024" for n in range(5, 0, -1)
    ]
    assert second.context["next_query"] is None
    found = client.get("/backoffice/cases/", {"number": "dcpi 0012 / 2024"}).context["cases"]
    assert [c.number for c in found] == ["DCPI 12/2024"]
    part = client.get("/backoffice/cases/", {"number": "77/2025"}).context["cases"]
    assert [c.number for c in part] == ["DCCJ 77/2025"]
    disposed = client.get("/backoffice/cases/", {"status": "FINALLY_DISPOSED"}).context["cases"]
    assert disposed == []
    api = api_as(registry_clerk).get("/api/v1/backoffice/cases/", {"proceeding_type": dcpi.pk})
    body = api.json()
    assert len(body["results"]) == 50 and body["next_before"]
    rest = api_as(registry_clerk).get("/api/v1/backoffice/cases/", {"before": body["next_before"]})
    assert len(rest.json()["results"]) == 5


def test_case_1_page_records_disposal_and_reopens(client, registry_clerk):
    case = CaseFactory()
    client.force_login(registry_clerk)
    future = (local_today() + timedelta(days=3)).isoformat()
    response = client.post(
        f"/backoffice/cases/{case.pk}/disposal/", {"final_disposal_date": future}
    )
    assert "cannot be in the future" in response.content.decode()
    response = client.post(
        f"/backoffice/cases/{case.pk}/disposal/",
        {"final_disposal_date": local_today().isoformat()},
    )
    assert response.status_code == 302
    response = client.post(f"/backoffice/cases/{case.pk}/reopen/", {"reasons": ""})
    assert "Give the reasons for reopening the case." in response.content.decode()
    client.post(f"/backoffice/cases/{case.pk}/reopen/", {"reasons": "Recorded in error"})
    case.refresh_from_db()
    assert case.status == CaseStatus.ONGOING


def test_case_1_page_party_removal_asks_first(client, registry_clerk):
    case = CaseFactory(
        parties=[(PartyType.PLAINTIFF, "CHAN Tai Man"), (PartyType.DEFENDANT, "Wrong Name")]
    )
    party = party_of(case, PartyType.DEFENDANT)
    client.force_login(registry_clerk)
    url = f"/backoffice/cases/{case.pk}/parties/{party.pk}/remove/"
    assert "Yes, remove the party" in client.post(url).content.decode()
    assert case.parties.count() == 2
    client.post(url, {"confirm": "yes"})
    assert case.parties.count() == 1
    other = CaseFactory()
    # A party of another case, through this case's address: not found.
    wrong = f"/backoffice/cases/{case.pk}/parties/{party_of(other).pk}/remove/"
    assert client.post(wrong, {"confirm": "yes"}).status_code == 404


# --- the API -------------------------------------------------------------------------------------


def test_case_1_api_enters_a_case_and_refuses_bad_input_with_nothing_saved(registry_clerk):
    api = api_as(registry_clerk)
    before = saved()
    bad = api.post(
        "/api/v1/backoffice/cases/",
        {"number": "DCPI 1/2025", "title": "", "parties": []},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"title", "parties"}
    huge = api.post(
        "/api/v1/backoffice/cases/",
        {"number": "DCPI 1/2025", "title": "A", "parties": [PARTIES[0]] * 201},
        format="json",
    )
    assert huge.status_code == 400
    assert saved() == before
    created = api.post(
        "/api/v1/backoffice/cases/",
        {"number": "hcpi 3/2025", "title": "A v. B", "parties": PARTIES[:2]},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["number"], body["court_level"], body["proceeding_type"]) == (
        "HCPI 3/2025",
        "HC",
        "HCPI",
    )
    assert [p["name"] for p in body["parties"]] == ["LEE Ka Yan", "CHAN Tai Man"]


def test_case_1_api_parties_disposal_and_reopening(registry_clerk):
    api = api_as(registry_clerk)
    case, other = CaseFactory(), CaseFactory()
    added = api.post(
        f"/api/v1/backoffice/cases/{case.pk}/parties/",
        {"party_type": "THIRD_PARTY", "name": "Insurer Ltd"},
        format="json",
    )
    assert added.status_code == 201 and added.json()["position"] == 1
    party_id = added.json()["id"]
    path = f"/api/v1/backoffice/cases/{other.pk}/parties/{party_id}/"
    assert (
        api.patch(path, {"party_type": "THIRD_PARTY", "name": "X"}, format="json").status_code
        == 404
    )
    assert api.delete(path).status_code == 404
    path = f"/api/v1/backoffice/cases/{case.pk}/parties/{party_id}/"
    assert api.delete(path).status_code == 204
    disposal = f"/api/v1/backoffice/cases/{case.pk}/final-disposal/"
    today = local_today().isoformat()
    assert api.post(disposal, {"final_disposal_date": today}, format="json").status_code == 200
    again = api.post(disposal, {"final_disposal_date": today}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"
    reopen = f"/api/v1/backoffice/cases/{case.pk}/reopen/"
    assert api.post(reopen, {}, format="json").status_code == 400
    reopened = api.post(reopen, {"reasons": "Set aside on appeal"}, format="json")
    assert reopened.json()["status"] == "ONGOING"
    assert api.get("/api/v1/backoffice/cases/999999/").status_code == 404


def test_case_3_a_disposed_case_can_no_longer_be_linked(registry_clerk):
    from cases.services.linking import CaseDisposed, case_link_create
    from cases.services.locks import locked_party

    case = CaseFactory()
    services.case_final_disposal_record(
        actor=registry_clerk, case_id=case.pk, final_disposal_date=local_today()
    )
    with pytest.raises(CaseDisposed):
        case_link_create(
            actor=registry_clerk,
            party=locked_party(party_of(case).pk),
            route=LinkRoute.NOTICE_OF_CONSENT,
            organization=OrganizationFactory(),
        )
    assert not CaseLink.objects.exists()


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="parallel writers need PostgreSQL",
)
# serialized_rollback: the seeded proceeding types come back after this test's flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_case_1_the_same_number_entered_twice_at_once_makes_one_case(registry_clerk):
    """Twenty clerks' requests for one number in parallel (PostgreSQL): one case, the rest
    refused as duplicates."""

    def enter(_):
        try:
            services.case_create(
                actor=registry_clerk, number="DCPI 4242/2025", title="A v. B", parties=PARTIES
            )
            return "created"
        except ValidationFailed as refused:
            return refused.errors["number"][0]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(enter, range(20)))
    assert results.count("created") == 1
    assert Case.objects.filter(number="DCPI 4242/2025").count() == 1
    assert CaseParty.objects.filter(case__number="DCPI 4242/2025").count() == 3
    assert set(results) - {"created"} == {"The registry already has a case with this number."}
