"""ORG-4 [A50]: the PA asks for other limits, a vetting officer decides within 3 working days,
the new limits apply at once and the PA is emailed; REG-10 [A24]: post-based sub-accounts for
government departments and agencies. Pages and API; every change audited; nothing saved on bad
input; nobody else asks or decides."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from audit.models import AuditRecord
from core.errors import InvalidTransition, NotPermitted, ValidationFailed
from organizations.limits import LimitReached, limit_check
from organizations.models import (
    ConfigurationChangeRequest,
    Organization,
    OrganizationType,
)
from organizations.services.configuration import (
    configuration_change_approve,
    configuration_change_reject,
    configuration_change_request,
)
from permissions.roles import Role
from tests.factories import (
    BranchFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
HK = ZoneInfo("Asia/Hong_Kong")
FRIDAY = datetime(2026, 11, 27, 16, 0, tzinfo=HK)
API = "/api/v1"
WHY = "We are opening two more offices in Kowloon and the New Territories."


@pytest.fixture
def organization():
    return OrganizationFactory(name="Chan & Partners")


@pytest.fixture
def pa(organization):
    return OrganizationAccountFactory(organization=organization, role=Role.PA)


def _api(client, user):
    client.force_login(user)
    return client


def _ask(client, **body):
    return client.post(
        f"{API}/organization/configuration-changes/", body, content_type="application/json"
    )


def _branches(organization, n):
    for i in range(n):
        BranchFactory(organization=organization, code=f"B{i:02d}")


def _emails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


# --- the journey -------------------------------------------------------------------------------


def test_org_4_request_appears_in_the_queue_due_3_working_days_later(client, pa):
    with time_machine.travel(FRIDAY):
        response = _ask(_api(client, pa), kind="LIMITS", justification=WHY, max_branches=12)
    assert response.status_code == 201
    body = response.json()
    assert body["reference"] == f"CC2026{body['id']:06d}"
    assert body["status"] == "SUBMITTED"
    assert body["due_date"] == "2026-12-02"  # Friday's request is due on Wednesday
    officer = StaffFactory(role=Role.VETTING)
    queue = _api(client, officer).get(f"{API}/backoffice/configuration-changes/").json()
    assert [(c["reference"], c["due_date"], c["actions"]) for c in queue] == [
        (body["reference"], "2026-12-02", ["approve", "reject"])
    ]
    page = client.get(reverse("backoffice:configuration_queue")).content.decode()
    assert body["reference"] in page and "Chan &amp; Partners" in page
    dashboard = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "1</span> request to decide" in dashboard


def test_org_4_approval_applies_the_new_limits_at_once_and_emails_the_pa(
    client, organization, pa, vetting_officer
):
    _branches(organization, 10)  # at the default limit of 10 branches
    with pytest.raises(LimitReached):
        limit_check(organization, "branches")
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 12}
    )
    response = _api(client, vetting_officer).post(
        f"{API}/backoffice/configuration-changes/{change.pk}/approve/"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "APPROVED"
    assert response.json()["actions"] == []
    organization.refresh_from_db()
    assert organization.limits.branches == 12
    assert organization.limits.organization_users == 50  # not asked for: unchanged
    limit_check(organization, "branches")  # an 11th branch may now be added ...
    BranchFactory(organization=organization, code="B10")
    BranchFactory(organization=organization, code="B11")
    with pytest.raises(LimitReached):  # ... and a 12th, but not a 13th
        limit_check(organization, "branches")
    (email,) = _emails_to(pa)
    assert email.subject == f"iCMS request {change.reference}: approved"
    assert "Most branch codes: 12" in email.body
    change.refresh_from_db()
    assert change.decided_by == vetting_officer and change.decided_at is not None


def test_org_4_approval_email_is_in_the_pas_language(organization, vetting_officer):
    pa = OrganizationAccountFactory(
        organization=organization, role=Role.PA, preferred_language="zh-hant"
    )
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"organization_users": 80}
    )
    configuration_change_approve(actor=vetting_officer, request_id=change.pk)
    (email,) = _emails_to(pa)
    assert email.subject == f"綜合法院案件管理系統申請{change.reference}：已獲批准"
    assert "機構用戶帳戶數目上限：80" in email.body
    assert "/zh-hant/organization/configuration-changes/" in email.body


def test_org_4_rejection_needs_reasons_and_emails_them(organization, pa, vetting_officer):
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"secondary_administrators": 20}
    )
    with pytest.raises(ValidationFailed) as refused:
        configuration_change_reject(actor=vetting_officer, request_id=change.pk, reasons="  ")
    assert "reasons" in refused.value.errors
    change.refresh_from_db()
    assert change.status == "SUBMITTED"
    assert _emails_to(pa) == []
    configuration_change_reject(
        actor=vetting_officer, request_id=change.pk, reasons="Ten SAs suffice for 30 OUs."
    )
    change.refresh_from_db()
    organization.refresh_from_db()
    assert change.status == "REJECTED"
    assert change.decision_reasons == "Ten SAs suffice for 30 OUs."
    assert organization.limits.secondary_administrators == 10
    (email,) = _emails_to(pa)
    assert email.subject == f"iCMS request {change.reference}: not approved"
    assert "Ten SAs suffice for 30 OUs." in email.body
    with pytest.raises(InvalidTransition):  # decided once
        configuration_change_approve(actor=vetting_officer, request_id=change.pk)


def test_org_4_every_step_is_audited(organization, pa, vetting_officer):
    first = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 15}
    )
    configuration_change_approve(actor=vetting_officer, request_id=first.pk)
    second = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 20}
    )
    configuration_change_reject(actor=vetting_officer, request_id=second.pk, reasons="Enough.")
    records = list(AuditRecord.objects.order_by("pk").values_list("action", "actor_label"))
    assert records == [
        ("configuration_change.requested", pa.login_name),
        ("configuration_change.approved", vetting_officer.login_name),
        ("organization.configuration_changed", vetting_officer.login_name),
        ("configuration_change.requested", pa.login_name),
        ("configuration_change.rejected", vetting_officer.login_name),
    ]
    changed = AuditRecord.objects.get(action="organization.configuration_changed")
    assert changed.before == {"max_branches": 10}
    assert changed.after == {"max_branches": 15, "reference": first.reference}


def test_org_4_pa_sees_its_requests_and_their_status(client, organization, pa, vetting_officer):
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 12}
    )
    configuration_change_reject(actor=vetting_officer, request_id=change.pk, reasons="Enough.")
    _api(client, pa)
    listed = client.get(f"{API}/organization/configuration-changes/").json()
    assert [(c["reference"], c["status"], c["decision_reasons"]) for c in listed] == [
        (change.reference, "REJECTED", "Enough.")
    ]
    page = client.get(reverse("organization_configuration:list")).content.decode()
    assert change.reference in page and "Rejected" in page
    detail = client.get(reverse("organization_configuration:detail", args=[change.pk]))
    assert "Enough." in detail.content.decode()
    home = client.get(reverse("accounts:home")).content.decode()
    assert reverse("organization_configuration:list") in home


# --- who may ask, who may decide ---------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SA, Role.OU])
def test_org_4_only_the_pa_may_request(client, organization, role):
    holder = OrganizationAccountFactory(organization=organization, role=role)
    response = _ask(_api(client, holder), kind="LIMITS", justification=WHY, max_branches=12)
    assert response.status_code == 403
    assert client.get(f"{API}/organization/configuration-changes/").status_code == 403
    assert client.get(reverse("organization_configuration:request_limits")).status_code == 403
    assert ConfigurationChangeRequest.objects.count() == 0


def test_org_4_an_iu_may_not_request(client):
    response = _ask(_api(client, UserFactory()), kind="LIMITS", justification=WHY, max_branches=12)
    assert response.status_code == 403
    assert ConfigurationChangeRequest.objects.count() == 0


def test_org_4_another_organizations_pa_sees_nothing_of_the_request(client, pa):
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 12}
    )
    other_pa = OrganizationAccountFactory(role=Role.PA)
    _api(client, other_pa)
    assert client.get(f"{API}/organization/configuration-changes/").json() == []
    assert client.get(f"{API}/organization/configuration-changes/{change.pk}/").status_code == 404
    page = client.get(reverse("organization_configuration:detail", args=[change.pk]))
    assert page.status_code == 404


@pytest.mark.parametrize("role", [Role.PA, Role.HELP_CENTRE, Role.REGISTRY])
def test_org_4_only_a_vetting_officer_decides(client, organization, pa, role):
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 12}
    )
    actor = pa if role == Role.PA else StaffFactory(role=role)
    _api(client, actor)
    base = f"{API}/backoffice/configuration-changes/{change.pk}"
    assert client.post(f"{base}/approve/").status_code == 403
    assert client.post(f"{base}/reject/", {"reasons": "No"}).status_code == 403
    assert client.get(f"{API}/backoffice/configuration-changes/").status_code == 403
    assert (
        client.post(
            reverse("backoffice:configuration_approve", args=[change.pk]), {"confirm": "yes"}
        ).status_code
        == 403
    )
    with pytest.raises(NotPermitted):
        configuration_change_approve(actor=actor, request_id=change.pk)
    change.refresh_from_db()
    organization.refresh_from_db()
    assert change.status == "SUBMITTED" and organization.limits.branches == 10


# --- bad input: refused, nothing saved ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "LIMITS", "justification": "", "max_branches": 12}, "justification"),
        ({"kind": "LIMITS", "justification": "   ", "max_branches": 12}, "justification"),
        ({"kind": "LIMITS", "justification": WHY, "max_branches": 2}, "max_branches"),
        ({"kind": "LIMITS", "justification": WHY, "max_branches": 10000}, "max_branches"),
        (
            {"kind": "LIMITS", "justification": WHY, "max_organization_users": 0},
            "max_organization_users",
        ),
        ({"kind": "LIMITS", "justification": WHY}, "non_field_errors"),
        ({"kind": "LIMITS", "justification": WHY, "max_branches": 10}, "non_field_errors"),
        ({"kind": "NOTHING", "justification": WHY, "max_branches": 12}, "kind"),
    ],
    ids=[
        "no justification",
        "blank justification",
        "below usage",
        "above ceiling",
        "zero",
        "nothing asked",
        "nothing changed",
        "unknown kind",
    ],
)
def test_org_4_bad_input_is_refused_and_nothing_saved(client, organization, pa, body, field):
    _branches(organization, 3)
    response = _ask(_api(client, pa), **body)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert ConfigurationChangeRequest.objects.count() == 0
    assert AuditRecord.objects.count() == 0


def test_org_4_limit_may_be_set_to_exactly_the_usage_or_the_ceiling(organization, pa):
    _branches(organization, 3)
    change = configuration_change_request(
        actor=pa,
        kind="LIMITS",
        justification=WHY,
        limits={"branches": 3, "organization_users": 9999},
    )
    assert (change.max_branches, change.max_organization_users) == (3, 9999)


def test_org_4_one_open_request_of_each_kind(client, organization, pa):
    organization.organization_type = OrganizationType.GOVERNMENT_DEPARTMENT
    organization.save()
    _api(client, pa)
    assert _ask(client, kind="LIMITS", justification=WHY, max_branches=12).status_code == 201
    again = _ask(client, kind="LIMITS", justification=WHY, max_branches=14)
    assert (again.status_code, again.json()["code"]) == (409, "request_already_open")
    assert _ask(client, kind="POST_BASED", justification=WHY).status_code == 201
    assert ConfigurationChangeRequest.objects.count() == 2


def test_org_4_mass_assignment_status_organization_and_decider_are_ignored(
    client, organization, pa, vetting_officer
):
    other = OrganizationFactory()
    response = _ask(
        _api(client, pa),
        kind="LIMITS",
        justification=WHY,
        max_branches=12,
        status="APPROVED",
        organization=other.pk,
        organization_id=other.pk,
        decided_by=vetting_officer.pk,
        requested_by=vetting_officer.pk,
        due_date="2030-01-01",
        reference="CC2026999999",
    )
    assert response.status_code == 201
    change = ConfigurationChangeRequest.objects.get()
    assert change.status == "SUBMITTED"
    assert change.organization == organization and change.requested_by == pa
    assert change.decided_by is None and change.due_date != date(2030, 1, 1)
    assert change.reference != "CC2026999999"
    organization.refresh_from_db()
    other.refresh_from_db()
    assert organization.limits.branches == 10 and other.max_branches is None


# --- REG-10: post-based sub-accounts -------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        OrganizationType.GOVERNMENT_DEPARTMENT,
        OrganizationType.LAW_ENFORCEMENT_AGENCY,
        OrganizationType.STATUTORY_BODY,
    ],
)
def test_reg_10_government_department_or_agency_gets_post_based_accounts_on_approval(
    client, kind, vetting_officer
):
    organization = OrganizationFactory(organization_type=kind)
    pa = OrganizationAccountFactory(organization=organization, role=Role.PA)
    response = _ask(_api(client, pa), kind="POST_BASED", justification="Posts rotate yearly.")
    assert response.status_code == 201
    change_id = response.json()["id"]
    _api(client, vetting_officer)
    assert (
        client.post(f"{API}/backoffice/configuration-changes/{change_id}/approve/").status_code
        == 200
    )
    organization.refresh_from_db()
    assert organization.post_based_accounts is True
    (email,) = _emails_to(pa)
    assert "by post title" in email.body


@pytest.mark.parametrize(
    "kind",
    [OrganizationType.LAW_FIRM, OrganizationType.COMPANY, OrganizationType.BAR_ASSOCIATION],
)
def test_reg_10_other_organizations_are_refused_with_a_clear_message(client, kind):
    organization = OrganizationFactory(organization_type=kind)
    pa = OrganizationAccountFactory(organization=organization, role=Role.PA)
    response = _ask(_api(client, pa), kind="POST_BASED", justification="Posts rotate yearly.")
    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        "Only a government department, a law enforcement agency or a statutory body may "
        "register sub-accounts by post title."
    ]
    page = client.get(reverse("organization_configuration:request_post_based")).content.decode()
    assert "Only a government department" in page and "<textarea" not in page
    posted = client.post(
        reverse("organization_configuration:request_post_based"),
        {"justification": "Posts rotate yearly."},
    )
    assert "Only a government department" in posted.content.decode()
    assert ConfigurationChangeRequest.objects.count() == 0


def test_reg_10_rejection_leaves_accounts_by_personal_name(vetting_officer):
    organization = OrganizationFactory(organization_type=OrganizationType.GOVERNMENT_DEPARTMENT)
    pa = OrganizationAccountFactory(organization=organization, role=Role.PA)
    change = configuration_change_request(actor=pa, kind="POST_BASED", justification="Posts.")
    configuration_change_reject(actor=vetting_officer, request_id=change.pk, reasons="Named.")
    organization.refresh_from_db()
    assert organization.post_based_accounts is False
    assert Organization.objects.filter(post_based_accounts=True).count() == 0


# --- the pages ---------------------------------------------------------------------------------


def test_org_4_pa_requests_on_the_page_and_officer_approves_after_confirming(
    client, organization, pa, vetting_officer
):
    _branches(organization, 4)
    client.force_login(pa)
    form = client.get(reverse("organization_configuration:request_limits")).content.decode()
    assert "Now 10; in use 4." in form
    refused = client.post(
        reverse("organization_configuration:request_limits"),
        {"max_branches": "3", "justification": WHY},
    )
    assert "At least 4: your organization already has 4." in refused.content.decode()
    assert ConfigurationChangeRequest.objects.count() == 0
    response = client.post(
        reverse("organization_configuration:request_limits"),
        {"max_branches": "12", "max_organization_users": "", "justification": WHY},
        follow=True,
    )
    change = ConfigurationChangeRequest.objects.get()
    assert change.reference in response.content.decode()
    assert change.max_branches == 12 and change.max_organization_users is None

    client.force_login(vetting_officer)
    detail = client.get(reverse("backoffice:configuration_detail", args=[change.pk]))
    assert WHY in detail.content.decode()
    url = reverse("backoffice:configuration_approve", args=[change.pk])
    confirm = client.post(url)
    assert "Yes, approve the request" in confirm.content.decode()
    change.refresh_from_db()
    assert change.status == "SUBMITTED"  # nothing decided until confirmed
    client.post(url, {"confirm": "yes"})
    change.refresh_from_db()
    organization.refresh_from_db()
    assert change.status == "APPROVED" and organization.limits.branches == 12


def test_org_4_officer_rejects_on_the_page_with_reasons_after_confirming(
    client, organization, pa, vetting_officer
):
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification=WHY, limits={"branches": 12}
    )
    client.force_login(vetting_officer)
    url = reverse("backoffice:configuration_reject", args=[change.pk])
    client.post(url, {"reasons": ""})
    change.refresh_from_db()
    assert change.status == "SUBMITTED"
    confirm = client.post(url, {"reasons": "Ten branches suffice."})
    assert "Yes, reject the request" in confirm.content.decode()
    client.post(url, {"reasons": "Ten branches suffice.", "confirm": "yes"})
    change.refresh_from_db()
    assert change.status == "REJECTED" and change.decision_reasons == "Ten branches suffice."
