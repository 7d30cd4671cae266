"""CASE-1, GEN-3: the registry records a case's title in Chinese where the court has one
(most cases are titled in English alone): Chinese pages show it, English pages the registered
title, and a case without one shows its registered title on both. Corrections are audited;
bad input changes nothing."""

import pytest
from rest_framework.test import APIClient

from audit.models import AuditRecord
from cases.models import Case
from cases.services import registry as services
from core.errors import ValidationFailed
from tests.factories import CaseFactory, organization_with_cases
from tests.inspection_helpers import case_document, hk

pytestmark = pytest.mark.django_db

PARTIES = [
    {"party_type": "PLAINTIFF", "position": 1, "name": "CHAN Tai Man", "name_zh": "陳大文"},
    {"party_type": "DEFENDANT", "position": 1, "name": "LEE Ka Yan", "name_zh": "李家欣"},
]


def test_case_1_a_case_is_entered_with_its_chinese_title_and_it_is_audited(registry_clerk):
    case = services.case_create(
        actor=registry_clerk,
        number="DCPI 88/2026",
        title="CHAN Tai Man v. LEE Ka Yan",
        title_zh="  陳大文  對  李家欣 ",
        parties=PARTIES,
    )
    assert Case.objects.get(pk=case.pk).title_zh == "陳大文 對 李家欣"  # spaces as typed, tidied
    created = AuditRecord.objects.get(action="case.created")
    assert created.after["title_zh"] == "陳大文 對 李家欣"


def test_case_1_correcting_one_title_keeps_the_other_and_audits_only_the_change(registry_clerk):
    case = CaseFactory(title="CHAN Tai Man v. LEE Ka Yan")
    services.case_update(
        actor=registry_clerk, case_id=case.pk, title=case.title, title_zh="陳大文 對 李家欣"
    )
    updated = AuditRecord.objects.get(action="case.updated")
    assert (updated.before, updated.after) == ({"title_zh": ""}, {"title_zh": "陳大文 對 李家欣"})
    # Left out (None), the Chinese title is kept when the English one is corrected.
    services.case_update(actor=registry_clerk, case_id=case.pk, title="CHAN v. LEE")
    case.refresh_from_db()
    assert (case.title, case.title_zh) == ("CHAN v. LEE", "陳大文 對 李家欣")


def test_case_1_a_chinese_title_over_300_characters_is_refused_with_nothing_changed(
    registry_clerk,
):
    case = CaseFactory(title="CHAN Tai Man v. LEE Ka Yan")
    records = AuditRecord.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.case_update(
            actor=registry_clerk, case_id=case.pk, title="CHAN v. LEE", title_zh="陳" * 301
        )
    assert set(refused.value.errors) == {"title_zh"}
    case.refresh_from_db()
    assert (case.title, case.title_zh) == ("CHAN Tai Man v. LEE Ka Yan", "")
    assert AuditRecord.objects.count() == records


def test_case_1_the_registrys_page_and_api_keep_the_chinese_title(client, registry_clerk):
    case = CaseFactory(title="CHAN Tai Man v. LEE Ka Yan")
    client.force_login(registry_clerk)
    saved = client.post(
        f"/backoffice/cases/{case.pk}/edit/",
        {"title": case.title, "title_zh": "陳大文 對 李家欣"},
    )
    assert saved.status_code == 302
    assert "陳大文 對 李家欣" in client.get(f"/backoffice/cases/{case.pk}/").text
    api = APIClient()
    api.force_authenticate(registry_clerk)
    body = api.get(f"/api/v1/backoffice/cases/{case.pk}/").json()
    assert (body["title"], body["title_zh"]) == ("CHAN Tai Man v. LEE Ka Yan", "陳大文 對 李家欣")
    # A PATCH without it keeps it.
    api.patch(f"/api/v1/backoffice/cases/{case.pk}/", {"title": "CHAN v. LEE"}, format="json")
    assert Case.objects.get(pk=case.pk).title_zh == "陳大文 對 李家欣"


def test_gen_3_chinese_pages_show_the_chinese_title_english_pages_the_registered_one(client):
    world = organization_with_cases()
    case = world.case
    Case.objects.filter(pk=case.pk).update(title="CHAN Tai Man v. LEE Ka Yan")
    untitled = CaseFactory(title="WONG Siu Ming v. HO Wai")
    for each in (case, untitled):
        case_document(each, kind="WRIT", title="Writ of Summons", dated_at=hk(2025, 3, 1))
    search = {"case_number": "DCPI"}
    english = client.get("/documents/search/", search).text
    assert "CHAN Tai Man v. LEE Ka Yan" in english and "陳大文 對 李家欣" not in english
    Case.objects.filter(pk=case.pk).update(title_zh="陳大文 對 李家欣")
    chinese = client.get("/zh-hant/documents/search/", search).text
    assert "陳大文 對 李家欣" in chinese and "CHAN Tai Man v. LEE Ka Yan" not in chinese
    assert "WONG Siu Ming v. HO Wai" in chinese  # no Chinese title: the registered one
    # The holder's own case page, in either language.
    client.force_login(world.pa)  # its organization's case
    assert "陳大文 對 李家欣" in client.get(f"/zh-hant/cases/{case.pk}/").text
    mine = client.get(f"/cases/{case.pk}/").text
    assert "CHAN Tai Man v. LEE Ka Yan" in mine and "陳大文 對 李家欣" not in mine
