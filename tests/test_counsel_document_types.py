"""A12: counsel (barristers instructed by a party's solicitors) file some documents for the
party: written submissions, skeleton arguments, lists of authorities. Which document types
they may file is court policy data (`DocumentType.counsel_may_file`): seeded for SUBM, SKEL
and LOA, maintained by the registry through the back office's pages and the staff API, each
change audited, published at /api/v1/policy/; nobody else may change it."""

import pytest
from rest_framework.test import APIClient

from audit.models import AuditRecord
from core.errors import NotPermitted
from filing.models import DocumentType
from filing.services import policy as services
from permissions.roles import Role
from tests.factories import (
    OrganizationAccountFactory,
    StaffFactory,
    UserFactory,
    proceeding_type,
)

pytestmark = pytest.mark.django_db

POLICY = "/api/v1/policy/"
STAFF_TYPES = "/api/v1/backoffice/document-types/"
PAGES = "/backoffice/court-policy/"
LABEL = "Counsel may file it"
HELP = (
    "Written submissions, skeleton arguments, lists of authorities: what a barrister "
    "instructed by the party&#x27;s solicitors files."
)


def api_as(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def dcpi(code: str) -> DocumentType:
    return DocumentType.objects.get(proceeding_type__code="DCPI", code=code)


def saved() -> tuple:
    return (
        list(DocumentType.objects.order_by("pk").values()),
        AuditRecord.objects.count(),
    )


def edit_form(row: DocumentType, **changes) -> dict:
    """The edit page's form as it comes filled in for `row`, with `changes`; a box left out
    is unticked."""
    data = {
        "type-name_en": row.name_en,
        "type-name_zh": row.name_zh,
        "type-linking_role": row.linking_role,
        "type-fee": f"{row.fee:.2f}",
        "type-filed_by": row.filed_by,
    }
    for flag in ("active", "open_to_public_inspection", "counsel_may_file"):
        if getattr(row, flag):
            data[f"type-{flag}"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a12_seeded_written_submissions_are_what_counsel_may_file():
    flags = {
        code: dcpi(code).counsel_may_file for code in ("SUBM", "SKEL", "LOA", "DEF", "WRIT", "AOS")
    }
    assert flags == {
        "SUBM": True,
        "SKEL": True,
        "LOA": True,
        "DEF": False,
        "WRIT": False,
        "AOS": False,
    }
    assert dcpi("DEF").name_en == "Defence"
    # The same in DCTC, the other e-enabled proceeding type.
    assert set(
        DocumentType.objects.filter(
            proceeding_type__code="DCTC", counsel_may_file=True
        ).values_list("code", flat=True)
    ) == {"SUBM", "SKEL", "LOA"}


def test_a12_public_policy_says_which_document_types_counsel_may_file():
    response = APIClient().get(POLICY)
    assert response.status_code == 200
    proceedings = {p["proceeding_type"]: p for p in response.json()["proceedings"]}
    types = {t["code"]: t for t in proceedings["DCPI"]["document_types"]}
    assert types["SKEL"]["counsel_may_file"] is True
    assert types["SUBM"]["counsel_may_file"] is True
    assert types["LOA"]["counsel_may_file"] is True
    assert types["DEF"]["counsel_may_file"] is False
    assert types["WRIT"]["counsel_may_file"] is False
    for proceeding in proceedings.values():
        assert all(
            isinstance(kind["counsel_may_file"], bool) for kind in proceeding["document_types"]
        )


def test_a12_registry_sets_counsel_may_file_through_the_page_audited(client, registry_clerk):
    client.force_login(registry_clerk)
    listing = client.get(PAGES).content.decode()
    assert f'<th scope="col">{LABEL}</th>' in listing
    summons = dcpi("SUM")
    page = client.get(f"{PAGES}document-types/{summons.pk}/").content.decode()
    assert LABEL in page and HELP in page and 'name="type-counsel_may_file"' in page

    response = client.post(
        f"{PAGES}document-types/{summons.pk}/",
        edit_form(summons, **{"type-counsel_may_file": "on"}),
    )
    assert response.status_code == 302
    summons.refresh_from_db()
    assert summons.counsel_may_file is True
    record = AuditRecord.objects.filter(action="document_type.updated").get()
    assert record.before == {"code": "SUM", "counsel_may_file": False}
    assert record.after == {"code": "SUM", "counsel_may_file": True}

    # The box unticked: counsel may no longer file skeleton arguments.
    skeleton = dcpi("SKEL")
    response = client.post(
        f"{PAGES}document-types/{skeleton.pk}/",
        edit_form(skeleton, **{"type-counsel_may_file": None}),
    )
    assert response.status_code == 302
    skeleton.refresh_from_db()
    assert skeleton.counsel_may_file is False
    record = AuditRecord.objects.filter(action="document_type.updated").latest("pk")
    assert record.before == {"code": "SKEL", "counsel_may_file": True}
    assert record.after == {"code": "SKEL", "counsel_may_file": False}

    # A new document type, with the box ticked.
    new_page = client.get(f"{PAGES}document-types/new/").content.decode()
    assert 'name="type-counsel_may_file"' in new_page
    response = client.post(
        f"{PAGES}document-types/new/",
        {
            "type-proceeding_type": str(proceeding_type("DCPI").pk),
            "type-code": "CHR",
            "type-name_en": "Chronology",
            "type-name_zh": "事件時序表",
            "type-linking_role": "",
            "type-fee": "0.00",
            "type-filed_by": "ANY_PARTY",
            "type-active": "on",
            "type-counsel_may_file": "on",
        },
    )
    assert response.status_code == 302
    assert dcpi("CHR").counsel_may_file is True
    created = AuditRecord.objects.filter(action="document_type.created").get()
    assert created.after["code"] == "CHR" and created.after["counsel_may_file"] is True


def test_a12_registry_sets_counsel_may_file_through_the_staff_api_audited(registry_clerk):
    api = api_as(registry_clerk)
    defence = dcpi("DEF")
    assert api.get(f"{STAFF_TYPES}{defence.pk}/").json()["counsel_may_file"] is False
    changed = api.patch(f"{STAFF_TYPES}{defence.pk}/", {"counsel_may_file": True}, format="json")
    assert changed.status_code == 200 and changed.json()["counsel_may_file"] is True
    record = AuditRecord.objects.filter(action="document_type.updated").get()
    assert record.before == {"code": "DEF", "counsel_may_file": False}
    assert record.after == {"code": "DEF", "counsel_may_file": True}
    listed = {t["code"]: t for t in api.get(STAFF_TYPES, {"proceeding_type": "DCPI"}).json()}
    assert listed["DEF"]["counsel_may_file"] is True and listed["WRIT"]["counsel_may_file"] is False
    # The public policy says so at once.
    proceedings = APIClient().get(POLICY).json()["proceedings"]
    types = {
        t["code"]: t["counsel_may_file"]
        for t in next(p for p in proceedings if p["proceeding_type"] == "DCPI")["document_types"]
    }
    assert types["DEF"] is True

    # A change of something else leaves it as it is; the same value again records nothing.
    skeleton = dcpi("SKEL")
    response = api.patch(f"{STAFF_TYPES}{skeleton.pk}/", {"fee": "1.00"}, format="json")
    assert response.status_code == 200 and response.json()["counsel_may_file"] is True
    records = AuditRecord.objects.count()
    api.patch(f"{STAFF_TYPES}{skeleton.pk}/", {"counsel_may_file": True}, format="json")
    assert AuditRecord.objects.count() == records

    # Created with it, and without it (not counsel's, unless the registry says so).
    body = {
        "proceeding_type": proceeding_type("DCTC").pk,
        "name_en": "Chronology",
        "name_zh": "事件時序表",
        "fee": "0",
    }
    created = api.post(STAFF_TYPES, {**body, "code": "CHR", "counsel_may_file": True}, "json")
    assert created.status_code == 201 and created.json()["counsel_may_file"] is True
    record = AuditRecord.objects.filter(action="document_type.created").get()
    assert record.after["counsel_may_file"] is True
    plain = api.post(STAFF_TYPES, {**body, "code": "CHR2"}, format="json")
    assert plain.status_code == 201 and plain.json()["counsel_may_file"] is False


def test_a12_counsel_may_file_is_yes_or_no(registry_clerk):
    defence = dcpi("DEF")
    before = saved()
    response = api_as(registry_clerk).patch(
        f"{STAFF_TYPES}{defence.pk}/", {"counsel_may_file": "perhaps"}, format="json"
    )
    assert response.status_code == 400 and "counsel_may_file" in response.json()["errors"]
    assert saved() == before


@pytest.mark.parametrize("role", [Role.IU, Role.OU, Role.PA, Role.VETTING, Role.HELP_CENTRE])
def test_a12_only_the_registry_says_what_counsel_may_file(client, role):
    user = (
        StaffFactory(role=role)
        if role in (Role.VETTING, Role.HELP_CENTRE)
        else UserFactory()
        if role == Role.IU
        else OrganizationAccountFactory(role=role, **({"branch": None} if role == Role.PA else {}))
    )
    defence = dcpi("DEF")
    before = saved()
    api = api_as(user)
    response = api.patch(f"{STAFF_TYPES}{defence.pk}/", {"counsel_may_file": True}, format="json")
    assert response.status_code == 403
    body = {
        "proceeding_type": proceeding_type("DCPI").pk,
        "code": "CHR",
        "name_en": "Chronology",
        "name_zh": "事件時序表",
        "fee": "0",
        "counsel_may_file": True,
    }
    assert api.post(STAFF_TYPES, body, format="json").status_code == 403
    with pytest.raises(NotPermitted):
        services.document_type_update(
            actor=user, document_type_id=defence.pk, counsel_may_file=True
        )
    if role in (Role.VETTING, Role.HELP_CENTRE):
        client.force_login(user)
        response = client.post(
            f"{PAGES}document-types/{defence.pk}/",
            edit_form(defence, **{"type-counsel_may_file": "on"}),
        )
        assert response.status_code == 403
    assert saved() == before
    assert dcpi("DEF").counsel_may_file is False
