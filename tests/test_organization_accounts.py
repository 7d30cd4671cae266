"""ORG-2, ORG-3, ORG-5..7, REG-10, AUTH-5, ROLE-1 (journeys 3, 4, 9): what a PA and its SAs do
inside their organization, through the API (and the same services behind the pages)."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AccountStatus, OptionalRoleGrant, User
from audit.models import AuditRecord
from core.workdays import local_today
from organizations.models import Branch, DefaultOU
from permissions.roles import Role
from tests.factories import (
    PASSWORD,
    BranchFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    api_as,
    optional_role_given,
    organization_with_cases,
)

# Emails leave on commit: the tests commit.
pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Lantern-Harbour-9071"
HONG_KONG = ZoneInfo("Asia/Hong_Kong")
ORG = "/api/v1/organization/"


def code_shown(organization) -> str:
    return f"{organization.code[:5]}-{organization.code[5:]}"


@pytest.fixture
def org():
    """An organization in service with a PA and two branches."""
    organization = OrganizationFactory()
    central = BranchFactory(organization=organization, code="CENTRAL")
    kowloon = BranchFactory(organization=organization, code="KOWLOON")
    pa = OrganizationAccountFactory(organization=organization, role=Role.PA, branch=None)
    return {"organization": organization, "central": central, "kowloon": kowloon, "pa": pa}


def ou_input(branch, **overrides) -> dict:
    values = {
        "role": "OU",
        "surname": "Wong",
        "given_name": "Siu Ming",
        "email": "wong.siuming@example.com",
        "phone": "(852) 2123-4567",
        "branch": branch.pk,
        "effective_end_date": str(local_today() + timedelta(days=365)),
    }
    values.update(overrides)
    return values


def create(actor, branch, **overrides):
    return api_as(actor).post(ORG + "accounts/", ou_input(branch, **overrides), format="json")


def activation_mail(address):
    message = [m for m in mail.outbox if address in m.to][-1]
    login_name = re.search(r"Login name: (\S+)", message.body).group(1)
    code = re.search(r"Activation code: (\S+)", message.body).group(1)
    return message, login_name, code


def activate(login_name, code, organization, **overrides):
    body = {
        "login_name": login_name,
        "activation_code": code,
        "organization_code": code_shown(organization),
        "surname": "Wong",
        "given_name": "Siu Ming",
        "phone": "852 21234567",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }
    body.update(overrides)
    return APIClient().post("/api/v1/accounts/activate/", body, format="json")


def login(user, password=NEW_PASSWORD):
    return APIClient().post(
        "/api/v1/auth/login/",
        {
            "login_name": user.login_name,
            "password": password,
            "organization_code": code_shown(user.organization) if user.organization_id else "",
        },
        format="json",
    )


def actions_of(obj):
    return list(
        AuditRecord.objects.filter(object_id=str(obj.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- ORG-2: branches ----------------------------------------------------------------------------


def test_org_2_pa_creates_a_branch_code_kept_in_capitals_and_audited(org):
    response = api_as(org["pa"]).post(
        ORG + "branches/", {"code": " hk-wanchai ", "name": "Wan Chai office"}, format="json"
    )
    assert response.status_code == 201, response.json()
    branch = Branch.objects.get(pk=response.json()["id"])
    assert (branch.code, branch.name, branch.organization) == (
        "HK-WANCHAI",
        "Wan Chai office",
        org["organization"],
    )
    assert actions_of(branch) == ["branch.created"]


@pytest.mark.parametrize(
    "code",
    ["", "HK CENTRAL", "HK_CENTRAL", "-HK", "HK--X", "A" * 21, "中環"],
)
def test_org_2_bad_branch_code_refused_with_nothing_saved(org, code):
    before = Branch.objects.count(), AuditRecord.objects.count()
    response = api_as(org["pa"]).post(ORG + "branches/", {"code": code}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()["errors"]
    assert (Branch.objects.count(), AuditRecord.objects.count()) == before


def test_org_2_branch_code_unique_in_organization_not_across(org):
    response = api_as(org["pa"]).post(ORG + "branches/", {"code": "central"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["code"] == [
        "Your organization already has a branch with this code."
    ]
    other_pa = OrganizationAccountFactory(role=Role.PA, branch=None)
    assert (
        api_as(other_pa).post(ORG + "branches/", {"code": "CENTRAL"}, format="json").status_code
        == 201
    )


def test_org_2_rename_branch_and_remove_only_one_without_accounts(org):
    client = api_as(org["pa"])
    response = client.patch(
        ORG + f"branches/{org['kowloon'].pk}/", {"code": "KLN", "name": "Kowloon"}, format="json"
    )
    assert response.status_code == 200
    org["kowloon"].refresh_from_db()
    assert org["kowloon"].code == "KLN"
    OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], status=AccountStatus.TERMINATED
    )
    refused = client.delete(ORG + f"branches/{org['central'].pk}/")
    assert refused.status_code == 400
    assert Branch.objects.filter(pk=org["central"].pk).exists()
    assert client.delete(ORG + f"branches/{org['kowloon'].pk}/").status_code == 204
    assert not Branch.objects.filter(pk=org["kowloon"].pk).exists()
    assert AuditRecord.objects.filter(action="branch.removed").count() == 1
    assert AuditRecord.objects.filter(action="branch.updated").count() == 1


def test_org_3_eleventh_branch_refused_naming_the_limit(org):
    client = api_as(org["pa"])
    for n in range(8):
        assert client.post(ORG + "branches/", {"code": f"B{n}"}, format="json").status_code == 201
    response = client.post(ORG + "branches/", {"code": "B99"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "limit_reached"
    assert "at most 10 branch codes" in response.json()["detail"]
    assert "Request change of organization configuration" in response.json()["detail"]
    assert Branch.objects.filter(organization=org["organization"]).count() == 10


# --- ORG-5, ORG-6, ACT-4: creating sub-accounts -------------------------------------------------


def test_org_5_pa_creates_ou_who_is_emailed_login_name_code_and_organization_code(org):
    response = create(org["pa"], org["central"])
    assert response.status_code == 201, response.json()
    body = response.json()
    account = User.objects.get(pk=body["id"])
    assert (account.role, account.status, account.organization, account.branch) == (
        Role.OU,
        AccountStatus.PENDING_ACTIVATION,
        org["organization"],
        org["central"],
    )
    assert account.effective_end_date == local_today() + timedelta(days=365)
    assert body["is_default_ou"] is True  # ORG-7: the first OU
    message, login_name, code = activation_mail("wong.siuming@example.com")
    assert login_name == account.login_name
    assert f"Organization Code: {code_shown(org['organization'])}" in message.body
    assert org["organization"].name in message.body
    assert code not in str(AuditRecord.objects.values_list("before", "after"))
    assert actions_of(account) == ["account.opened", "account.default_ou_designated"]


def test_act_4_sub_account_activates_with_organization_code_and_logs_in(org):
    create(org["pa"], org["central"])
    _message, login_name, code = activation_mail("wong.siuming@example.com")
    wrong = activate(login_name, code, org["organization"], organization_code="ABCDE-FGHJK")
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "activation_refused"
    missing = activate(login_name, code, org["organization"], organization_code="")
    assert missing.status_code == 400
    assert missing.json()["detail"] == wrong.json()["detail"]
    # Typed forgivingly: lower case, no hyphen.
    response = activate(
        login_name, code, org["organization"], organization_code=org["organization"].code.lower()
    )
    assert response.status_code == 200, response.json()
    account = User.objects.get(login_name=login_name)
    assert account.status == AccountStatus.ACTIVE
    assert login(account).status_code == 200


def test_org_5_effective_end_date_required_and_not_in_the_past(org):
    before = User.objects.count(), AuditRecord.objects.count(), len(mail.outbox)
    missing = create(org["pa"], org["central"], effective_end_date=None)
    assert missing.status_code == 400 and "effective_end_date" in missing.json()["errors"]
    past = create(
        org["pa"], org["central"], effective_end_date=str(local_today() - timedelta(days=1))
    )
    assert past.status_code == 400
    assert past.json()["errors"]["effective_end_date"] == [
        "The effective end date cannot be in the past."
    ]
    assert (User.objects.count(), AuditRecord.objects.count(), len(mail.outbox)) == before
    today = create(org["pa"], org["central"], effective_end_date=str(local_today()))
    assert today.status_code == 201


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"surname": ""}, "surname"),
        ({"given_name": "  "}, "given_name"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": ""}, "phone"),
        # ACT-3: the holder types the number back to activate; "n/a" cannot be matched.
        ({"phone": "n/a"}, "phone"),
        ({"phone": "call my secretary!"}, "phone"),
        ({"phone": "2477 100"}, "phone"),
        ({"role": "PA"}, "role"),
        ({"role": "IU"}, "role"),
        # A name that reads one way on screen and another in the record.
        ({"given_name": "Ka\u202eoH"}, "given_name"),
        ({"surname": "Lee\x07"}, "surname"),
    ],
)
def test_org_5_bad_particulars_refused_with_nothing_saved(org, overrides, field):
    before = User.objects.count(), AuditRecord.objects.count(), len(mail.outbox)
    response = create(org["pa"], org["central"], **overrides)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert (User.objects.count(), AuditRecord.objects.count(), len(mail.outbox)) == before


def test_org_2_branch_of_another_organization_refused(org):
    elsewhere = BranchFactory()
    before = User.objects.count()
    response = create(org["pa"], elsewhere)
    assert response.status_code == 400
    assert response.json()["errors"]["branch"] == ["Choose one of your organization's branches."]
    assert User.objects.count() == before


def test_org_3_fifty_first_ou_and_eleventh_sa_refused(org):
    for _n in range(50):
        OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    # An ended account frees its place.
    OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], status=AccountStatus.TERMINATED
    )
    response = create(org["pa"], org["central"])
    assert response.status_code == 409
    assert "at most 50 Organization User accounts" in response.json()["detail"]
    for _n in range(10):
        OrganizationAccountFactory(
            organization=org["organization"], branch=org["central"], role=Role.SA
        )
    response = create(org["pa"], org["central"], role="SA")
    assert response.status_code == 409
    assert "at most 10 Secondary Administrator accounts" in response.json()["detail"]


def test_org_6_an_ou_never_creates_an_account(org):
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    before = User.objects.count()
    for role in ("OU", "SA"):
        assert create(ou, org["central"], role=role).status_code == 403
    assert User.objects.count() == before


# --- REG-10: post-based sub-accounts -------------------------------------------------------------


def test_reg_10_post_title_refused_unless_approved(org):
    response = create(org["pa"], org["central"], surname="", given_name="", post_title="Clerk 1")
    assert response.status_code == 400
    assert (
        "not been approved to register accounts by post title"
        in (response.json()["errors"]["post_title"][0])
    )
    assert not User.objects.filter(post_title="Clerk 1").exists()


def test_reg_10_post_based_account_created_and_activated_with_the_post_title(org):
    org["organization"].post_based_accounts = True
    org["organization"].save()
    response = create(
        org["pa"], org["central"], surname="", given_name="", post_title="Senior Clerk (Civil)"
    )
    assert response.status_code == 201, response.json()
    account = User.objects.get(pk=response.json()["id"])
    assert (account.post_title, account.surname, account.given_name) == (
        "Senior Clerk (Civil)",
        "",
        "",
    )
    _message, login_name, code = activation_mail("wong.siuming@example.com")
    by_names = activate(login_name, code, org["organization"])
    assert by_names.status_code == 400
    ok = activate(
        login_name,
        code,
        org["organization"],
        surname="",
        given_name="",
        post_title="  senior clerk (civil) ",
    )
    assert ok.status_code == 200, ok.json()


# --- ROLE-1 [A38]: optional roles ---------------------------------------------------------------


def test_role_1_pa_gives_optional_roles_at_creation_and_changes_them_later(org):
    response = create(
        org["pa"], org["central"], role="SA", optional_roles=["create_sa", "maintain_default_ou"]
    )
    assert response.status_code == 201, response.json()
    sa = User.objects.get(pk=response.json()["id"])
    assert sorted(response.json()["optional_roles"]) == ["create_sa", "maintain_default_ou"]
    changed = api_as(org["pa"]).put(
        ORG + f"accounts/{sa.pk}/optional-roles/",
        {"optional_roles": ["link_all_branches"]},
        format="json",
    )
    assert changed.status_code == 200
    assert changed.json()["optional_roles"] == ["link_all_branches"]
    assert actions_of(sa).count("account.optional_role_granted") == 3
    assert actions_of(sa).count("account.optional_role_revoked") == 2


def test_role_1_an_sa_creating_an_sa_cannot_give_optional_roles(org):
    sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    OptionalRoleGrant.objects.create(account=sa, optional_role="create_sa", granted_by=org["pa"])
    before = User.objects.count(), OptionalRoleGrant.objects.count(), AuditRecord.objects.count()
    response = create(sa, org["central"], role="SA", optional_roles=["create_sa"])
    assert response.status_code == 403
    after = User.objects.count(), OptionalRoleGrant.objects.count(), AuditRecord.objects.count()
    assert after == before
    assert create(sa, org["central"], role="SA").status_code == 201


# --- ORG-6, LIFE-5: suspend, re-activate, end; ORG-5: revise the end date -------------------------


def test_org_6_suspend_reactivate_end_with_reasons_audited(org):
    first = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    DefaultOU.objects.create(organization=org["organization"], account=first)
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    client = api_as(org["pa"])
    no_reasons = client.post(ORG + f"accounts/{ou.pk}/suspend/", {}, format="json")
    assert no_reasons.status_code == 400
    response = client.post(ORG + f"accounts/{ou.pk}/suspend/", {"reasons": "On leave"})
    assert response.status_code == 200
    assert response.json()["status"] == "SUSPENDED"
    assert login(ou, PASSWORD).status_code == 401
    assert client.post(ORG + f"accounts/{ou.pk}/suspend/", {"reasons": "x"}).status_code == 409
    assert client.post(ORG + f"accounts/{ou.pk}/reactivate/").json()["status"] == "ACTIVE"
    assert login(ou, PASSWORD).status_code == 200
    ended = client.post(ORG + f"accounts/{ou.pk}/terminate/", {"reasons": "Left the firm"})
    assert ended.json()["status"] == "TERMINATED"
    assert ended.json()["actions"] == []
    assert actions_of(ou) == ["account.suspended", "account.reactivated", "account.terminated"]
    record = AuditRecord.objects.get(object_id=str(ou.pk), action="account.suspended")
    assert record.after["reasons"] == "On leave"


def test_org_5_end_date_revised_audited_never_into_the_past(org):
    ou = OrganizationAccountFactory(
        organization=org["organization"],
        branch=org["central"],
        effective_end_date=local_today() + timedelta(days=30),
    )
    client = api_as(org["pa"])
    past = client.post(
        ORG + f"accounts/{ou.pk}/end-date/",
        {"effective_end_date": str(local_today() - timedelta(days=1))},
    )
    assert past.status_code == 400
    new = local_today() + timedelta(days=400)
    response = client.post(ORG + f"accounts/{ou.pk}/end-date/", {"effective_end_date": str(new)})
    assert response.status_code == 200
    ou.refresh_from_db()
    assert ou.effective_end_date == new
    record = AuditRecord.objects.get(action="account.end_date_revised")
    assert record.before == {"effective_end_date": str(local_today() + timedelta(days=30))}
    assert record.after == {"effective_end_date": str(new)}


def test_org_5_past_end_date_no_login_no_token_until_revised(org):
    """ORG-5, LIFE-5 on a controlled clock: the account works through its end date (HKT);
    the next day it cannot log in (answered as a wrong password) and its API token stops
    working; revising the date restores both."""
    end = local_today() + timedelta(days=10)
    ou = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], effective_end_date=end
    )
    evening = timezone.make_aware(datetime.combine(end, time(20, 0)), HONG_KONG)
    with time_machine.travel(evening, tick=False):
        assert login(ou, PASSWORD).status_code == 200
        holder_client = api_as(ou)
        pa_client = api_as(org["pa"])
        assert holder_client.get("/api/v1/me/").status_code == 200
    with time_machine.travel(evening + timedelta(hours=4, minutes=30), tick=False):
        assert holder_client.get("/api/v1/me/").status_code == 401
        refused = login(ou, PASSWORD)
        wrong_password = login(ou, "Not-The-Password-1")
        assert refused.status_code == wrong_password.status_code == 401
        assert refused.json() == wrong_password.json()
        page = APIClient().post(
            "/account/login/",
            {
                "login_name": ou.login_name,
                "password": PASSWORD,
                "organization_code": code_shown(org["organization"]),
            },
        )
        assert page.status_code == 200
        assert (
            "The login name, password or Organization Code is not correct." in page.content.decode()
        )
        # The PA revises the date: the account works again, its token too.
        revised = pa_client.post(
            ORG + f"accounts/{ou.pk}/end-date/",
            {"effective_end_date": str(end + timedelta(days=30))},
        )
        assert revised.status_code == 200, revised.json()
        assert holder_client.get("/api/v1/me/").status_code == 200
        assert login(ou, PASSWORD).status_code == 200


# --- ORG-7 [A43]: default OUs --------------------------------------------------------------------


def test_org_7_only_the_first_ou_becomes_default(org):
    first = create(org["pa"], org["central"], email="first@example.com").json()
    second = create(org["pa"], org["central"], email="second@example.com").json()
    assert (first["is_default_ou"], second["is_default_ou"]) == (True, False)
    assert DefaultOU.objects.filter(organization=org["organization"]).count() == 1


def test_org_7_one_to_five_defaults_and_the_last_one_kept(org):
    ous = [
        OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
        for _n in range(7)
    ]
    client = api_as(org["pa"])
    for ou in ous[:5]:
        response = client.put(ORG + f"accounts/{ou.pk}/default-ou/")
        assert response.status_code == 200 and response.json()["is_default_ou"] is True
    sixth = client.put(ORG + f"accounts/{ous[5].pk}/default-ou/")
    assert sixth.status_code == 409
    assert "at most 5 default OU accounts" in sixth.json()["detail"]
    for ou in ous[1:5]:
        assert client.delete(ORG + f"accounts/{ou.pk}/default-ou/").status_code == 200
    before = AuditRecord.objects.count()
    last = client.delete(ORG + f"accounts/{ous[0].pk}/default-ou/")
    assert last.status_code == 409
    assert last.json()["code"] == "last_default_ou"
    assert "Designate another default OU account first" in last.json()["detail"]
    suspend = client.post(ORG + f"accounts/{ous[0].pk}/suspend/", {"reasons": "Leave"})
    assert suspend.status_code == 409 and suspend.json()["code"] == "last_default_ou"
    end = client.post(ORG + f"accounts/{ous[0].pk}/terminate/", {"reasons": "Left"})
    assert end.status_code == 409 and end.json()["code"] == "last_default_ou"
    assert AuditRecord.objects.count() == before
    assert DefaultOU.objects.filter(account=ous[0]).exists()
    ous[0].refresh_from_db()
    assert ous[0].status == AccountStatus.ACTIVE
    # With another designated first, the old one can go.
    client.put(ORG + f"accounts/{ous[6].pk}/default-ou/")
    assert (
        client.post(ORG + f"accounts/{ous[0].pk}/terminate/", {"reasons": "Left"}).status_code
        == 200
    )
    assert list(DefaultOU.objects.values_list("account", flat=True)) == [ous[6].pk]


def test_org_7_ending_a_default_ou_puts_the_end_of_its_designation_on_the_record(org):
    first, second = (
        OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
        for _n in range(2)
    )
    client = api_as(org["pa"])
    for ou in (first, second):
        assert client.put(ORG + f"accounts/{ou.pk}/default-ou/").status_code == 200
    ended = client.post(ORG + f"accounts/{first.pk}/terminate/", {"reasons": "Left the firm"})
    assert ended.status_code == 200
    assert not DefaultOU.objects.filter(account=first).exists()
    assert actions_of(first) == [
        "account.default_ou_designated",
        "account.default_ou_removed",
        "account.terminated",
    ]
    record = AuditRecord.objects.get(object_id=str(first.pk), action="account.default_ou_removed")
    assert (record.actor_id, record.after) == (org["pa"].pk, {"account_status": "TERMINATED"})


def test_org_7_only_an_ou_can_be_default(org):
    sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    response = api_as(org["pa"]).put(ORG + f"accounts/{sa.pk}/default-ou/")
    assert response.status_code == 400
    assert not DefaultOU.objects.exists()


# --- AUTH-5 [A36]: resetting a sub-account's password -------------------------------------------


def test_auth_5_pa_resets_an_ou_password_with_a_change_token(org):
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    response = api_as(org["pa"]).post(ORG + f"accounts/{ou.pk}/password-reset/")
    assert response.status_code == 202
    message = [m for m in mail.outbox if ou.email in m.to][-1]
    token = re.search(r"Change Token: (\S+)", message.body).group(1)
    assert f"Organization Code: {code_shown(org['organization'])}" in message.body
    record = AuditRecord.objects.get(action="account.password_reset_started")
    assert (record.actor_id, record.object_id) == (org["pa"].pk, str(ou.pk))
    reset = APIClient().post(
        "/api/v1/accounts/reset-password/",
        {
            "login_name": ou.login_name,
            "change_token": token,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert reset.status_code == 204
    assert login(ou).status_code == 200


def test_auth_5_sa_resets_same_branch_only(org):
    sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    same = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    other = OrganizationAccountFactory(organization=org["organization"], branch=org["kowloon"])
    client = api_as(sa)
    assert client.post(ORG + f"accounts/{same.pk}/password-reset/").status_code == 202
    before = AuditRecord.objects.count(), len(mail.outbox)
    assert client.post(ORG + f"accounts/{other.pk}/password-reset/").status_code == 403
    assert (AuditRecord.objects.count(), len(mail.outbox)) == before


# --- ACT-4, ORG-6: re-sending a sub-account's activation code ------------------------------------


def test_act_4_pa_resends_an_ou_activation_code_the_old_one_stops_working(org):
    account = User.objects.get(pk=create(org["pa"], org["central"]).json()["id"])
    _first, _login_name, old_code = activation_mail("wong.siuming@example.com")
    assert (
        "resend_activation_code"
        in api_as(org["pa"]).get(ORG + f"accounts/{account.pk}/").json()["actions"]
    )
    response = api_as(org["pa"]).post(ORG + f"accounts/{account.pk}/activation-code/")
    assert response.status_code == 202
    message, login_name, new_code = activation_mail("wong.siuming@example.com")
    assert (login_name, new_code != old_code) == (account.login_name, True)
    # The sub-account's own email again: its organization, the Organization Code, the end date.
    assert f"Organization Code: {code_shown(org['organization'])}" in message.body
    assert "An administrator of" in message.body and org["organization"].name in message.body
    record = AuditRecord.objects.get(action="account.activation_code_reissued")
    assert (record.actor_id, record.object_id, record.after) == (
        org["pa"].pk,
        str(account.pk),
        {"channel": "ADMINISTRATOR"},
    )
    assert new_code not in str(AuditRecord.objects.values_list("before", "after"))
    old = activate(login_name, old_code, org["organization"])
    assert (old.status_code, old.json()["code"]) == (400, "activation_code_used")
    assert activate(login_name, new_code, org["organization"]).status_code == 200


def test_act_4_sa_resends_codes_of_the_accounts_it_manages_only(org):
    sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    ou = User.objects.get(pk=create(org["pa"], org["kowloon"]).json()["id"])
    other_sa = User.objects.get(
        pk=create(org["pa"], org["central"], role="SA", email="sa2@example.com").json()["id"]
    )
    client = api_as(sa)
    # ROLE-1: any SA manages the organization's OU accounts, whatever their branch...
    assert client.post(ORG + f"accounts/{ou.pk}/activation-code/").status_code == 202
    # ...but an SA's account only with "To create SA Account".
    before = AuditRecord.objects.count(), len(mail.outbox)
    assert client.post(ORG + f"accounts/{other_sa.pk}/activation-code/").status_code == 403
    assert (AuditRecord.objects.count(), len(mail.outbox)) == before
    OptionalRoleGrant.objects.create(account=sa, optional_role="create_sa", granted_by=org["pa"])
    assert client.post(ORG + f"accounts/{other_sa.pk}/activation-code/").status_code == 202


def test_org_6_activation_code_resend_refused_to_an_ou_and_another_organization(org):
    pending = User.objects.get(pk=create(org["pa"], org["central"]).json()["id"])
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    stranger = OrganizationAccountFactory(role=Role.PA, branch=None)
    before = AuditRecord.objects.count(), len(mail.outbox)
    assert api_as(ou).post(ORG + f"accounts/{pending.pk}/activation-code/").status_code == 403
    foreign = api_as(stranger).post(ORG + f"accounts/{pending.pk}/activation-code/")
    assert foreign.status_code == 404
    assert (AuditRecord.objects.count(), len(mail.outbox)) == before


def test_act_4_activation_code_resent_only_while_the_account_awaits_activation(org):
    active = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    client = api_as(org["pa"])
    assert (
        "resend_activation_code" not in client.get(ORG + f"accounts/{active.pk}/").json()["actions"]
    )
    before = AuditRecord.objects.count(), len(mail.outbox)
    response = client.post(ORG + f"accounts/{active.pk}/activation-code/")
    assert response.status_code == 409
    assert (AuditRecord.objects.count(), len(mail.outbox)) == before
    # Nor a PA's own account (the Help Centre re-sends a PA's code).
    own = client.post(ORG + f"accounts/{org['pa'].pk}/activation-code/")
    assert own.status_code == 403


# --- ROLE-1 rows 1-3, journey 9: profiles --------------------------------------------------------


def test_role_1_holder_maintains_own_contact_details_not_names(org):
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    response = api_as(ou).patch(
        "/api/v1/me/profile/",
        {
            "email": "new@example.com",
            "phone": "2999 0000",
            "address": "1 Harbour Road",
            "preferred_language": "zh-hant",
            "surname": "Someone Else",
            "role": "PA",
            "branch": org["kowloon"].pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    ou.refresh_from_db()
    # LIFE-1: the new email address waits for confirmation through itself.
    assert (ou.phone, ou.preferred_language) == ("2999 0000", "zh-hant")
    assert response.json()["pending_email_change"]["new_email"] == "new@example.com"
    assert (ou.surname, ou.role, ou.branch) == ("Chan", Role.OU, org["central"])
    assert actions_of(ou) == ["account.profile_updated", "account.email_change_requested"]
    email_before = ou.email
    bad = api_as(ou).patch(
        "/api/v1/me/profile/", {"email": "nope", "phone": "2999 0000"}, format="json"
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"email"}
    ou.refresh_from_db()
    assert ou.email == email_before


def test_role_1_administrator_maintains_ou_profile_and_moves_its_branch(org):
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    # An SA of the OU's own branch: one of another may not move it (test_auth_5_... below).
    sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    response = api_as(sa).patch(
        ORG + f"accounts/{ou.pk}/",
        {
            "surname": "Chan",
            "given_name": "Tai Wai",
            "email": ou.email,
            "phone": ou.phone,
            "branch": org["kowloon"].pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    ou.refresh_from_db()
    assert (ou.given_name, ou.branch) == ("Tai Wai", org["kowloon"])
    record = AuditRecord.objects.get(action="account.profile_updated")
    assert record.before["given_name"] == "Tai Man"


# --- ORG-1 [A13]: one person, two organizations --------------------------------------------------


def test_org_1_same_person_holds_ou_accounts_in_two_organizations(org):
    other_pa = OrganizationAccountFactory(role=Role.PA, branch=None)
    other_branch = BranchFactory(organization=other_pa.organization, code="MAIN")
    here = create(org["pa"], org["central"]).json()
    there = create(other_pa, other_branch).json()
    assert here["login_name"] != there["login_name"]
    assert User.objects.filter(email="wong.siuming@example.com", role=Role.OU).count() == 2
    listed_here = [a["id"] for a in api_as(org["pa"]).get(ORG + "accounts/").json()]
    listed_there = [a["id"] for a in api_as(other_pa).get(ORG + "accounts/").json()]
    assert here["id"] in listed_here and there["id"] not in listed_here
    assert there["id"] in listed_there and here["id"] not in listed_there
    assert api_as(org["pa"]).get(ORG + f"accounts/{there['id']}/").status_code == 404
    assert (
        api_as(org["pa"])
        .post(ORG + f"accounts/{there['id']}/suspend/", {"reasons": "x"})
        .status_code
        == 404
    )


# --- mass assignment -----------------------------------------------------------------------------


def test_mass_assignment_extra_fields_on_creation_never_take_effect(org):
    other = OrganizationFactory()
    response = create(
        org["pa"],
        org["central"],
        organization=other.pk,
        organization_id=other.pk,
        status="ACTIVE",
        login_name="chosen-name",
        is_superuser=True,
        max_organization_users=999,
        limits={"organization_users": 999},
        password="Chosen-Password-1",
    )
    assert response.status_code == 201, response.json()
    account = User.objects.get(pk=response.json()["id"])
    assert account.organization == org["organization"]
    assert account.status == AccountStatus.PENDING_ACTIVATION
    assert account.login_name != "chosen-name"
    assert account.is_superuser is False
    assert not account.has_usable_password()
    org["organization"].refresh_from_db()
    assert org["organization"].max_organization_users is None


def test_mass_assignment_profile_and_end_date_inputs_set_nothing_else(org):
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    client = api_as(org["pa"])
    client.patch(
        ORG + f"accounts/{ou.pk}/",
        {
            "surname": "Chan",
            "given_name": "Tai Man",
            "email": ou.email,
            "phone": ou.phone,
            "role": "SA",
            "status": "SUSPENDED",
            "organization": OrganizationFactory().pk,
            "login_name": "taken",
            "is_superuser": True,
            "optional_roles": ["create_sa"],
        },
        format="json",
    )
    client.post(
        ORG + f"accounts/{ou.pk}/end-date/",
        {"effective_end_date": str(local_today() + timedelta(days=5)), "status": "TERMINATED"},
        format="json",
    )
    ou.refresh_from_db()
    assert (ou.role, ou.status, ou.organization, ou.is_superuser) == (
        Role.OU,
        AccountStatus.ACTIVE,
        org["organization"],
        False,
    )
    assert ou.login_name != "taken"
    assert not OptionalRoleGrant.objects.exists()


def test_mass_assignment_branch_of_another_organization_on_profile_refused(org):
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    foreign = BranchFactory()
    response = api_as(org["pa"]).patch(
        ORG + f"accounts/{ou.pk}/",
        {
            "surname": "Chan",
            "given_name": "Tai Man",
            "email": ou.email,
            "phone": ou.phone,
            "branch": foreign.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    ou.refresh_from_db()
    assert ou.branch == org["central"]


def test_mass_assignment_branch_input_cannot_move_it_to_another_organization(org):
    other = OrganizationFactory()
    api_as(org["pa"]).patch(
        ORG + f"branches/{org['central'].pk}/",
        {"code": "CENTRAL", "organization": other.pk, "organization_id": other.pk},
        format="json",
    )
    org["central"].refresh_from_db()
    assert org["central"].organization == org["organization"]


def test_mass_assignment_optional_roles_put_by_sa_refused(org):
    sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    OptionalRoleGrant.objects.create(account=sa, optional_role="create_sa", granted_by=org["pa"])
    other_sa = OrganizationAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    response = api_as(sa).put(
        ORG + f"accounts/{other_sa.pk}/optional-roles/",
        {"optional_roles": ["create_sa"]},
        format="json",
    )
    assert response.status_code == 403
    own = api_as(sa).put(
        ORG + f"accounts/{sa.pk}/optional-roles/",
        {"optional_roles": ["create_sa", "link_all_branches"]},
        format="json",
    )
    assert own.status_code == 403
    assert list(OptionalRoleGrant.objects.values_list("account", "optional_role")) == [
        (sa.pk, "create_sa")
    ]


# --- the overview --------------------------------------------------------------------------------


def test_org_3_overview_shows_code_and_limits_used_and_allowed(org):
    OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    body = api_as(org["pa"]).get(ORG).json()
    assert body["organization_code"] == code_shown(org["organization"])
    limits = {item["name"]: (item["used"], item["allowed"]) for item in body["limits"]}
    assert limits == {
        "primary_administrators": (1, 2),
        "secondary_administrators": (0, 10),
        "organization_users": (1, 50),
        "default_organization_users": (0, 5),
        "branches": (2, 10),
        # CASE-7: the most OU holders on one case party (no case yet), of 10.
        "organization_users_per_case_party": (0, 10),
    }
    assert APIClient().get(ORG).status_code == 401


# --- AUTH-5: an SA's reach for resets is its own branch; the profile does not widen it --------


def _profile(account, **changes):
    return {
        "surname": account.surname,
        "given_name": account.given_name,
        "email": account.email,
        "phone": account.phone,
        **changes,
    }


def test_auth_5_an_sa_cannot_give_another_branchs_ou_its_own_address_or_branch():
    world = organization_with_cases()
    attacker = api_as(world.sa_kowloon, default_format="json")
    victim, url = world.ou, f"{ORG}accounts/{world.ou.pk}/"
    before = (victim.email, victim.branch_id, AuditRecord.objects.count(), len(mail.outbox))
    changed_email = attacker.patch(url, _profile(victim, email="attacker@example.net"))
    assert changed_email.status_code == 400
    assert "password resets are sent there" in changed_email.json()["errors"]["email"][0]
    moved = attacker.patch(url, _profile(victim, branch=world.kowloon.pk))
    assert moved.status_code == 400
    assert "may move it to another branch" in moved.json()["errors"]["branch"][0]
    victim.refresh_from_db()
    assert (victim.email, victim.branch_id, AuditRecord.objects.count(), len(mail.outbox)) == (
        before
    )
    assert attacker.post(f"{url}password-reset/").status_code == 403
    # Its telephone and address it may still keep up to date (ROLE-1: OU profiles, any SA).
    assert attacker.patch(url, _profile(victim, phone="2111 3333")).status_code == 200


def test_auth_5_an_sa_with_create_sa_cannot_take_another_branchs_sa_by_its_profile():
    world = organization_with_cases()
    optional_role_given(world.sa_kowloon, "create_sa", by=world.pa)
    attacker = api_as(world.sa_kowloon, default_format="json")
    url = f"{ORG}accounts/{world.sa_all.pk}/"
    response = attacker.patch(
        url, _profile(world.sa_all, email="attacker@example.net", branch=world.kowloon.pk)
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"email", "branch"}
    assert attacker.post(f"{url}password-reset/").status_code == 403


def test_role_1_an_sa_cannot_take_an_sa_holding_an_optional_role_it_lacks_by_its_address():
    """[A38]: only the PA gives optional roles. An SA with "To create SA Account" resets the
    passwords of its branch's SAs and keeps their profiles; giving an SA of its branch that
    holds "(all branches)" its own address, then resetting it, gave it that SA's login and so
    the optional role the PA had not given it. The address of an SA holding an optional role
    the acting SA lacks is the PA's to change (a reset still goes to the holder)."""
    world = organization_with_cases()
    optional_role_given(world.sa, "create_sa", by=world.pa)  # CENTRAL, as sa_all
    attacker = api_as(world.sa, default_format="json")
    victim, url = world.sa_all, f"{ORG}accounts/{world.sa_all.pk}/"
    changed = attacker.patch(url, _profile(victim, email="attacker@example.net"))
    assert changed.status_code == 400, changed.json()
    assert "Primary Administrator" in changed.json()["errors"]["email"][0]
    chinese = attacker.patch(
        url, _profile(victim, email="attacker@example.net"), HTTP_ACCEPT_LANGUAGE="zh-hant"
    )
    assert "持有你沒有的選擇性角色" in chinese.json()["errors"]["email"][0]
    victim.refresh_from_db()
    assert victim.email != "attacker@example.net"
    assert attacker.post(f"{url}password-reset/").status_code == 202
    assert not [m for m in mail.outbox if "attacker@example.net" in m.to]
    # Its telephone it may still keep up to date, and the PA may change its address.
    assert attacker.patch(url, _profile(victim, phone="2111 3333")).status_code == 200
    victim.refresh_from_db()
    pa = api_as(world.pa, default_format="json")
    assert pa.patch(url, _profile(victim, email="yip.new@example.com")).status_code == 200
    # An SA holding no optional role the acting SA lacks stays within its reach.
    optional_role_given(world.sa_all, "create_sa", by=world.pa)
    plain = f"{ORG}accounts/{world.sa.pk}/"
    both = api_as(world.sa_all, default_format="json")
    assert both.patch(plain, _profile(world.sa, email="lam.new@example.com")).status_code == 200


def test_case_6_an_sa_cannot_move_another_branchs_ou_in_to_assign_it_a_case():
    world = organization_with_cases()
    sa = api_as(world.sa_same, default_format="json")  # may assign any case to CENTRAL's OUs
    assignments = f"{ORG}case-parties/{world.link.pk}/assignments/"
    assert sa.post(assignments, {"organization_user": world.ou_kowloon.pk}).status_code == 404
    moved = sa.patch(
        f"{ORG}accounts/{world.ou_kowloon.pk}/", _profile(world.ou_kowloon, branch=world.central.pk)
    )
    assert moved.status_code == 400
    assert sa.post(assignments, {"organization_user": world.ou_kowloon.pk}).status_code == 404


def test_auth_5_the_pa_and_an_sa_of_the_branch_change_address_and_branch_and_the_holder_is_told():
    world = organization_with_cases()
    old_address = world.ou.email
    sa = api_as(world.sa, default_format="json")  # CENTRAL, as the OU
    url = f"{ORG}accounts/{world.ou.pk}/"
    assert sa.patch(url, _profile(world.ou, email="cheung.new@example.com")).status_code == 200
    (told,) = [m for m in mail.outbox if old_address in m.to]
    assert "administrator has changed the email address" in told.body
    assert "cheung.new@example.com" in told.body
    # Moving it out of its own branch takes nothing into the SA's reach.
    world.ou.refresh_from_db()
    assert sa.patch(url, _profile(world.ou, branch=world.kowloon.pk)).status_code == 200
    pa = api_as(world.pa, default_format="json")
    world.ou.refresh_from_db()
    assert pa.patch(url, _profile(world.ou, branch=world.central.pk)).status_code == 200
    world.ou.refresh_from_db()
    assert (world.ou.email, world.ou.branch_id) == ("cheung.new@example.com", world.central.pk)
