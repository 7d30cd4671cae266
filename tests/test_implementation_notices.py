"""GEN-2 [A3]: which proceedings are e-enabled, and from when, is data the registry keeps:
implementation notices (proceeding type, date in force, title), and the court levels and
proceeding types they name. Seeded with DCPI and DCTC from 6 May 2022."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditRecord
from cases.models import CourtLevel, ImplementationNotice, ProceedingType
from cases.selectors.linkability import Linkability, case_check, is_e_enabled
from cases.services import registry as services
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.workdays import local_today
from permissions.roles import Role
from tests.factories import CaseFactory, StaffFactory, proceeding_type

pytestmark = pytest.mark.django_db

FIRST_NOTICE = datetime.date(2022, 5, 6)


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_gen_2_dcpi_and_dctc_are_e_enabled_from_6_may_2022():
    for code in ("DCPI", "DCTC"):
        assert not is_e_enabled(proceeding_type(code).pk, on=datetime.date(2022, 5, 5))
        assert is_e_enabled(proceeding_type(code).pk, on=datetime.date(2022, 5, 6))
    for code in ("DCCJ", "DCMP", "DCEC", "HCA", "HCPI"):
        assert not is_e_enabled(proceeding_type(code).pk, on=datetime.date(2026, 11, 26))
    assert set(
        ImplementationNotice.objects.values_list("proceeding_type__code", "effective_date")
    ) == {("DCPI", FIRST_NOTICE), ("DCTC", FIRST_NOTICE)}


def test_gen_2_a_notice_in_force_tomorrow_does_not_enable_today(registry_clerk):
    case = CaseFactory(type_code="HCA")
    tomorrow = local_today() + timedelta(days=1)
    notice = services.implementation_notice_create(
        actor=registry_clerk,
        proceeding_type_id=proceeding_type("HCA").pk,
        effective_date=tomorrow,
        title="iCMS in the High Court: civil actions",
    )
    assert not is_e_enabled(case.proceeding_type_id)
    assert case_check(case.number).linkability == Linkability.NOT_E_ENABLED
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert is_e_enabled(case.proceeding_type_id)
        assert case_check(case.number).linkability == Linkability.LINKABLE
    record = AuditRecord.objects.get(action="implementation_notice.created")
    assert record.object_id == str(notice.pk)
    assert record.after == {
        "proceeding_type": "HCA",
        "effective_date": tomorrow.isoformat(),
        "title": "iCMS in the High Court: civil actions",
    }


def test_gen_2_a_notice_from_today_enables_today(registry_clerk):
    case = CaseFactory(type_code="DCCJ")
    services.implementation_notice_create(
        actor=registry_clerk,
        proceeding_type_id=proceeding_type("DCCJ").pk,
        effective_date=local_today(),
        title="iCMS in the District Court: civil actions",
    )
    assert case_check(case.number).linkable


def test_gen_2_the_same_notice_twice_is_refused(registry_clerk):
    values = {
        "actor": registry_clerk,
        "proceeding_type_id": proceeding_type("DCMP").pk,
        "effective_date": local_today() + timedelta(days=30),
        "title": "Miscellaneous proceedings",
    }
    services.implementation_notice_create(**values)
    with pytest.raises(ValidationFailed) as refused:
        services.implementation_notice_create(**{**values, "title": "Again"})
    assert "effective_date" in refused.value.errors
    assert ImplementationNotice.objects.filter(proceeding_type__code="DCMP").count() == 1


def test_gen_2_a_notice_is_not_dated_in_the_past(registry_clerk):
    before = ImplementationNotice.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.implementation_notice_create(
            actor=registry_clerk,
            proceeding_type_id=proceeding_type("HCPI").pk,
            effective_date=local_today() - timedelta(days=1),
            title="Backdated",
        )
    assert "effective_date" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        services.implementation_notice_create(
            actor=registry_clerk, proceeding_type_id="x", effective_date="soon", title=""
        )
    assert set(refused.value.errors) == {"proceeding_type", "effective_date", "title"}
    assert ImplementationNotice.objects.count() == before


def test_gen_2_only_a_notice_not_yet_in_force_is_withdrawn(registry_clerk):
    seeded = ImplementationNotice.objects.get(proceeding_type__code="DCPI")
    with pytest.raises(ValidationFailed):
        services.implementation_notice_withdraw(actor=registry_clerk, notice_id=seeded.pk)
    coming = services.implementation_notice_create(
        actor=registry_clerk,
        proceeding_type_id=proceeding_type("DCEC").pk,
        effective_date=local_today() + timedelta(days=7),
        title="Employees' compensation",
    )
    services.implementation_notice_withdraw(
        actor=registry_clerk, notice_id=coming.pk, reasons="Entered in error"
    )
    assert not ImplementationNotice.objects.filter(pk=coming.pk).exists()
    record = AuditRecord.objects.get(action="implementation_notice.withdrawn")
    assert record.before["proceeding_type"] == "DCEC"
    assert record.after == {"reasons": "Entered in error"}
    with pytest.raises(NotFound):
        services.implementation_notice_withdraw(actor=registry_clerk, notice_id=coming.pk)


def test_gen_2_only_registry_clerks_keep_notices():
    vetting = StaffFactory(role=Role.VETTING)
    with pytest.raises(NotPermitted):
        services.implementation_notice_create(
            actor=vetting,
            proceeding_type_id=proceeding_type("HCA").pk,
            effective_date=local_today(),
            title="X",
        )
    with pytest.raises(NotPermitted):
        services.court_level_create(actor=vetting, code="CA", name_en="x", name_zh="x")


def test_gen_2_new_levels_and_types_are_data_not_code(registry_clerk):
    level = services.court_level_create(
        actor=registry_clerk, code=" ca ", name_en="Court of Appeal", name_zh="上訴法庭"
    )
    assert level.code == "CA"
    kind = services.proceeding_type_create(
        actor=registry_clerk,
        court_level_id=level.pk,
        code="cacv",
        name_en="Civil Appeal",
        name_zh="民事上訴",
    )
    assert (kind.code, kind.court_level.code) == ("CACV", "CA")
    case = services.case_create(
        actor=registry_clerk,
        number="CACV 12/2025",
        title="A v. B",
        parties=[{"party_type": "APPLICANT", "name": "A"}],
    )
    assert case.court_level.code == "CA"
    assert case_check("CACV 12/2025").linkability == Linkability.NOT_E_ENABLED
    services.implementation_notice_create(
        actor=registry_clerk,
        proceeding_type_id=kind.pk,
        effective_date=local_today(),
        title="Civil appeals",
    )
    assert case_check("cacv 0012/2025").linkable
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {"court_level.created", "proceeding_type.created", "case.created"} <= actions


@pytest.mark.parametrize(
    ("code", "field"),
    [("DC", "code"), ("D1", "code"), ("ДC", "code"), ("", "code"), ("TOOLONGCODE", "code")],
)
def test_gen_2_a_level_code_is_new_capital_letters(registry_clerk, code, field):
    before = CourtLevel.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.court_level_create(actor=registry_clerk, code=code, name_en="X", name_zh="X")
    assert field in refused.value.errors
    assert CourtLevel.objects.count() == before


def test_gen_2_a_proceeding_type_needs_its_level_code_and_both_names(registry_clerk):
    before = ProceedingType.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.proceeding_type_create(
            actor=registry_clerk, court_level_id=999999, code="DCPI", name_en="", name_zh=" "
        )
    assert set(refused.value.errors) == {"court_level", "code", "name_en", "name_zh"}
    assert ProceedingType.objects.count() == before


def test_gen_2_pages_record_and_withdraw_a_notice(client, registry_clerk):
    client.force_login(registry_clerk)
    page = client.get("/backoffice/implementation-notices/").content.decode()
    assert "iCMS in the District Court: Personal Injuries Action and Tax Claim" in page
    assert "In force" in page
    later = (local_today() + timedelta(days=10)).isoformat()
    response = client.post(
        "/backoffice/implementation-notices/",
        {
            "proceeding_type": proceeding_type("HCA").pk,
            "effective_date": later,
            "title": "High Court civil actions",
        },
    )
    assert response.status_code == 302
    notice = ImplementationNotice.objects.get(proceeding_type__code="HCA")
    url = f"/backoffice/implementation-notices/{notice.pk}/withdraw/"
    assert "Yes, withdraw the notice" in client.post(url).content.decode()
    client.post(url, {"confirm": "yes", "reasons": "Wrong date"})
    assert not ImplementationNotice.objects.filter(pk=notice.pk).exists()
    refused = client.post(
        "/backoffice/implementation-notices/",
        {"proceeding_type": "", "effective_date": "", "title": ""},
    )
    assert refused.status_code == 200
    assert "Choose the proceeding type the notice covers." in refused.content.decode()


def test_gen_2_pages_add_levels_and_types(client, registry_clerk):
    client.force_login(registry_clerk)
    assert client.get("/backoffice/court-levels/").status_code == 200
    client.post(
        "/backoffice/court-levels/",
        {
            "level-code": "CFA",
            "level-name_en": "Court of Final Appeal",
            "level-name_zh": "終審法院",
        },
    )
    level = CourtLevel.objects.get(code="CFA")
    response = client.post(
        "/backoffice/proceeding-types/",
        {
            "type-court_level": level.pk,
            "type-code": "FACV",
            "type-name_en": "Final Appeal (Civil)",
            "type-name_zh": "終院民事上訴",
        },
    )
    assert response.status_code == 302
    assert ProceedingType.objects.get(code="FACV").court_level == level
    again = client.post(
        "/backoffice/proceeding-types/",
        {
            "type-court_level": level.pk,
            "type-code": "FACV",
            "type-name_en": "x",
            "type-name_zh": "x",
        },
    )
    assert "A proceeding type has this code already." in again.content.decode()


def test_gen_2_api_notices_levels_and_types(registry_clerk):
    api = api_as(registry_clerk)
    notices = api.get("/api/v1/backoffice/implementation-notices/").json()
    assert {(n["proceeding_type"], n["effective_date"]) for n in notices} == {
        ("DCPI", "2022-05-06"),
        ("DCTC", "2022-05-06"),
    }
    types = {t["code"]: t for t in api.get("/api/v1/backoffice/proceeding-types/").json()}
    assert types["DCPI"]["e_enabled"] and not types["HCA"]["e_enabled"]
    created = api.post(
        "/api/v1/backoffice/implementation-notices/",
        {
            "proceeding_type": types["HCA"]["id"],
            "effective_date": (local_today() + timedelta(days=1)).isoformat(),
            "title": "High Court civil actions",
        },
        format="json",
    )
    assert created.status_code == 201
    duplicate = api.post(
        "/api/v1/backoffice/implementation-notices/",
        {
            "proceeding_type": types["HCA"]["id"],
            "effective_date": (local_today() + timedelta(days=1)).isoformat(),
            "title": "Again",
        },
        format="json",
    )
    assert duplicate.status_code == 400
    withdraw = f"/api/v1/backoffice/implementation-notices/{created.json()['id']}/withdraw/"
    assert api.post(withdraw, {}, format="json").status_code == 204
    level = api.post(
        "/api/v1/backoffice/court-levels/",
        {"code": "LT", "name_en": "Lands Tribunal", "name_zh": "土地審裁處"},
        format="json",
    )
    assert level.status_code == 201
    kind = api.post(
        "/api/v1/backoffice/proceeding-types/",
        {"court_level": level.json()["id"], "code": "LDBM", "name_en": "x", "name_zh": "x"},
        format="json",
    )
    assert kind.status_code == 201 and kind.json()["court_level"] == "LT"
    assert len(api.get("/api/v1/backoffice/court-levels/").json()) == 3


def _labels_marked_optional(page: str) -> set[str]:
    import re

    return set(re.findall(r'<label for="id_([\w-]+)">[^<]*<span class="optional">', page))


def test_nfr_4_the_registrys_forms_mark_optional_only_what_may_be_left_empty(
    client, registry_clerk
):
    """The services word what is missing in a registry form; its required fields are not
    labelled "(optional)" for that (they were, and refused when left empty)."""
    client.force_login(registry_clerk)
    levels = _labels_marked_optional(client.get("/backoffice/court-levels/").content.decode())
    assert levels.isdisjoint(
        {"level-code", "level-name_en", "level-name_zh", "type-court_level", "type-code"}
    ), levels
    notices = client.get("/backoffice/implementation-notices/").content.decode()
    assert _labels_marked_optional(notices) == set()
    new_case = _labels_marked_optional(client.get("/backoffice/cases/new/").content.decode())
    assert "number" not in new_case and "title" not in new_case
    assert "title_zh" in new_case  # where the court has one
