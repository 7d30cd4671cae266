"""The organization's pages (journeys 3, 4, 9): the same services as the API, in both
languages; destructive actions ask first; ROLE-2 on pages (403 for a role, 404 outside the
organization)."""

import re
from datetime import timedelta

import pytest
from django.core import mail

from accounts.models import AccountStatus, User
from audit.models import AuditRecord
from core.workdays import local_today
from organizations.models import Branch, DefaultOU
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    BranchFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    UserFactory,
    optional_role_given,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def org():
    organization = OrganizationFactory(name="Chan & Partners")
    central = BranchFactory(organization=organization, code="CENTRAL")
    pa = ApiOnlyAccountFactory(organization=organization, role=Role.PA, branch=None)
    return {"organization": organization, "central": central, "pa": pa}


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_org_3_overview_shows_code_and_limits_in_both_languages(client, org, prefix):
    client.force_login(org["pa"])
    page = client.get(f"{prefix}/organization/").content.decode()
    code = org["organization"].code
    assert f"{code[:5]}-{code[5:]}" in page
    assert "Chan &amp; Partners" in page
    if prefix:
        assert "機構編碼" in page
    else:
        assert "Limits of your organization" in page


def test_org_2_pa_creates_a_branch_on_the_page(client, org):
    client.force_login(org["pa"])
    response = client.post("/organization/branches/", {"code": "kln-1", "name": "Kowloon"})
    assert response.status_code == 302
    assert Branch.objects.filter(organization=org["organization"], code="KLN-1").exists()
    bad = client.post("/organization/branches/", {"code": "no spaces"})
    assert bad.status_code == 200
    assert "letters, digits and hyphens" in bad.content.decode()


def test_org_5_pa_creates_an_ou_on_the_page_first_becomes_default(client, org):
    client.force_login(org["pa"])
    response = client.post(
        "/organization/accounts/new/?role=OU",
        {
            "surname": "Lee",
            "given_name": "Ka Ho",
            "email": "lee.kaho@example.com",
            "phone": "2111 2222",
            "branch": org["central"].pk,
            "effective_end_date": str(local_today() + timedelta(days=30)),
            "preferred_language": "zh-hant",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    account = User.objects.get(email="lee.kaho@example.com")
    assert account.role == Role.OU and DefaultOU.objects.filter(account=account).exists()
    (message,) = [m for m in mail.outbox if account.email in m.to]
    assert "機構編碼" in message.body  # in the holder's language
    detail = client.get(f"/organization/accounts/{account.pk}/").content.decode()
    assert "Make a default OU" not in detail and "No longer a default OU" in detail
    # The suspend form's reasons and the end date form's: an id each, "(optional)" once.
    ids = re.findall(r'\sid="([^"]+)"', detail)
    assert len(ids) == len(set(ids))
    assert 'for="id_reasons"' in detail and 'for="end-date-reasons"' in detail
    assert "(optional) <span" not in detail
    # ORG-7: the last default OU: the confirmation says why not, and offers no "Yes".
    for action in ("remove_default_ou", "suspend"):
        asked = client.post(f"/organization/accounts/{account.pk}/{action}/", {"reasons": "x"})
        page = asked.content.decode()
        assert 'id="refusal"' in page and "at least one default OU account" in page
        assert 'name="confirm"' not in page


def test_org_7_removing_a_default_ou_on_the_page_says_it_is_done(client, org):
    """[A43]: the PA or SA "may update the setting": with another default OU in service, a
    default OU is removed on its account's page, which then says so."""
    kept, removed = (
        ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
        for _ in range(2)
    )
    for account in (kept, removed):
        DefaultOU.objects.create(organization=org["organization"], account=account)
    client.force_login(org["pa"])
    done = client.post(
        f"/organization/accounts/{removed.pk}/remove_default_ou/", {"confirm": "yes"}, follow=True
    )
    assert done.redirect_chain == [(f"/organization/accounts/{removed.pk}/", 302)]
    page = done.content.decode()
    assert "The account is no longer a default OU." in page and "Make a default OU" in page
    assert list(DefaultOU.objects.values_list("account", flat=True)) == [kept.pk]


def test_org_6_suspend_asks_for_confirmation_first(client, org):
    DefaultOU.objects.create(
        organization=org["organization"],
        account=ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"]),
    )
    ou = ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
    client.force_login(org["pa"])
    url = f"/organization/accounts/{ou.pk}/suspend/"
    first = client.post(url, {"reasons": "On leave"})
    assert first.status_code == 200
    assert "Yes, suspend the account" in first.content.decode()
    ou.refresh_from_db()
    assert ou.status == AccountStatus.ACTIVE
    assert client.post(url, {"reasons": "On leave", "confirm": "yes"}).status_code == 302
    ou.refresh_from_db()
    assert ou.status == AccountStatus.SUSPENDED
    no_reasons = client.post(
        f"/organization/accounts/{ou.pk}/terminate/", {"reasons": "", "confirm": "yes"}
    )
    assert "Say why the account is ended." in no_reasons.content.decode()


def test_role_2_pages_refuse_an_ou_and_hide_another_organization(client, org):
    ou = ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
    client.force_login(ou)
    assert client.get("/organization/accounts/").status_code == 403
    assert client.get("/organization/accounts/new/").status_code == 403
    assert client.get("/organization/").status_code == 200
    foreign = ApiOnlyAccountFactory()
    client.force_login(org["pa"])
    assert client.get(f"/organization/accounts/{foreign.pk}/").status_code == 404
    before = AuditRecord.objects.count()
    assert (
        client.post(
            f"/organization/accounts/{foreign.pk}/suspend/", {"reasons": "x", "confirm": "yes"}
        ).status_code
        == 404
    )
    assert AuditRecord.objects.count() == before
    client.force_login(UserFactory())
    assert client.get("/organization/").status_code == 403


def test_role_1_an_sa_without_the_role_to_create_sas_is_refused_the_form_itself(client, org):
    sa = ApiOnlyAccountFactory(
        organization=org["organization"], role=Role.SA, branch=org["central"]
    )
    client.force_login(sa)
    assert client.get("/organization/accounts/new/?role=SA").status_code == 403
    assert client.get("/organization/accounts/new/?role=OU").status_code == 200


def test_role_1_holder_changes_own_contact_details_on_the_page(client, org):
    ou = ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
    client.force_login(ou)
    response = client.post(
        "/account/profile/",
        {"email": "new@example.com", "phone": "2333 4444", "preferred_language": "en"},
    )
    assert response.status_code == 302
    ou.refresh_from_db()
    # LIFE-1: the phone at once; the new email address once confirmed through itself.
    assert ou.phone == "2333 4444"
    assert ou.email != "new@example.com"


def test_org_5_accounts_table_filters_by_branch_role_and_status(client, org):
    kowloon = BranchFactory(organization=org["organization"], code="KOWLOON")
    here = ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
    there = ApiOnlyAccountFactory(
        organization=org["organization"], branch=kowloon, status=AccountStatus.SUSPENDED
    )
    client.force_login(org["pa"])
    page = client.get("/organization/accounts/", {"branch": kowloon.pk}).content.decode()
    assert there.login_name in page and here.login_name not in page
    page = client.get(
        "/organization/accounts/", {"status": "ACTIVE", "role": "OU"}
    ).content.decode()
    assert here.login_name in page and there.login_name not in page


@pytest.mark.parametrize(
    ("prefix", "account_types"),
    [
        ("", ("Primary Administrator", "Secondary Administrator", "Organization User")),
        ("/zh-hant", ("主要管理員", "次要管理員", "機構用戶")),
    ],
)
def test_nfr_1_accounts_table_names_account_types_in_the_pages_language(
    client, org, prefix, account_types
):
    """The "Account type" column says the type in words of the page's language, as the
    filter above it does, never the code ("SA") stored for it."""
    ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"], role=Role.SA)
    ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"], role=Role.OU)
    client.force_login(org["pa"])
    page = client.get(f"{prefix}/organization/accounts/").content.decode()
    for account_type in account_types:
        assert f"<td>{account_type}</td>" in page
    for code in ("PA", "SA", "OU"):
        assert f"<td>{code}</td>" not in page


@pytest.mark.parametrize(
    ("prefix", "button", "confirm", "in_email"),
    [
        ("", "Send a new activation code", "Yes, send a new activation code", "Organization Code"),
        ("/zh-hant", "發出新的啟動碼", "是，發出新的啟動碼", "機構編碼"),
    ],
)
def test_act_4_pa_resends_an_activation_code_on_the_page_after_confirming(
    client, org, prefix, button, confirm, in_email
):
    pending = ApiOnlyAccountFactory(
        organization=org["organization"],
        branch=org["central"],
        status=AccountStatus.PENDING_ACTIVATION,
        preferred_language=prefix.strip("/") or "en",
    )
    active = ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
    client.force_login(org["pa"])
    assert button in client.get(f"{prefix}/organization/accounts/{pending.pk}/").content.decode()
    assert button not in client.get(f"{prefix}/organization/accounts/{active.pk}/").content.decode()
    url = f"{prefix}/organization/accounts/{pending.pk}/resend_activation_code/"
    first = client.post(url)
    assert first.status_code == 200 and confirm in first.content.decode()
    assert [m for m in mail.outbox if pending.email in m.to] == []
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    (message,) = [m for m in mail.outbox if pending.email in m.to]
    assert in_email in message.body and pending.login_name in message.body
    assert AuditRecord.objects.filter(
        action="account.activation_code_reissued", object_id=str(pending.pk)
    ).exists()
    # An active account is refused (409 in the API; on the page, the message, nothing sent).
    refused = client.post(
        f"{prefix}/organization/accounts/{active.pk}/resend_activation_code/", {"confirm": "yes"}
    )
    assert refused.status_code == 200
    assert [m for m in mail.outbox if active.email in m.to] == []


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_org_5_holder_sees_own_organization_branch_and_end_date(client, org, prefix):
    ou = ApiOnlyAccountFactory(
        organization=org["organization"],
        role=Role.OU,
        branch=org["central"],
        effective_end_date=local_today() + timedelta(days=30),
    )
    client.force_login(ou)
    page = client.get(f"{prefix}/account/").content.decode()
    assert "Chan &amp; Partners" in page
    assert "CENTRAL" in page
    assert ("有效結束日期" if prefix else "Effective end date") in page


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_org_5_the_end_date_field_shows_the_current_end_date_in_both_languages(client, org, prefix):
    end = local_today() + timedelta(days=30)
    ou = ApiOnlyAccountFactory(
        organization=org["organization"],
        role=Role.OU,
        branch=org["central"],
        effective_end_date=end,
    )
    client.force_login(org["pa"])
    page = client.get(f"{prefix}/organization/accounts/{ou.pk}/").text
    # As a date field reads it: "30/11/2026" (the English date) left the field empty.
    field = re.search(r'<input type="date" name="effective_end_date"[^>]*>', page).group(0)
    assert f'value="{end.isoformat()}"' in field


def test_a25_the_new_account_form_asks_for_the_holders_own_email_address(client, org):
    client.force_login(org["pa"])
    page = client.get("/organization/accounts/new/?role=OU").content.decode()
    assert "The holder&#x27;s own email address, not one shared with others" in page
    chinese = client.get("/zh-hant/organization/accounts/new/?role=SA").content.decode()
    assert "持有人本人的電郵地址，而非與他人共用的地址" in chinese


def test_nfr_4_an_empty_new_account_form_names_every_missing_field_at_once(client, org):
    client.force_login(org["pa"])
    page = client.post("/organization/accounts/new/?role=OU", {"surname": ""}).content.decode()
    for field in ("surname", "given_name", "email", "phone", "branch", "effective_end_date"):
        assert f'href="#id_{field}"' in page, field
    assert not User.objects.filter(role=Role.OU).exists()


def test_role_2_a_page_that_only_shows_refuses_other_methods(client, org):
    """A read-only page answers 405 to a write (it rendered the page before): nothing it
    shows changes by a method it does not take."""
    client.force_login(org["pa"])
    ou = OrganizationAccountFactory(organization=org["organization"], branch=org["central"])
    for path in ("/organization/", "/organization/accounts/", f"/organization/accounts/{ou.pk}/"):
        assert client.get(path).status_code == 200, path
        assert client.delete(path).status_code == 405, path
        assert client.post(path, {"status": "TERMINATED"}).status_code == 405, path
    assert User.objects.get(pk=ou.pk).status == ou.status


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_org_7_maintain_default_ou_account_page_assigns_and_removes_defaults(client, org, prefix):
    """[A43]: to designate a default OU, the PA or SA goes to the page "Maintain default OU
    Account", retrieves the OU and sets or clears it under "ASSIGN/REMOVE AN OU AS THE DEFAULT
    OU ACCOUNT". The page lists the organization's OUs with the choice for each, and the
    account page links it by that name."""
    first = ApiOnlyAccountFactory(
        organization=org["organization"], branch=org["central"], login_name="ou91500001"
    )
    second = ApiOnlyAccountFactory(
        organization=org["organization"], branch=org["central"], login_name="ou91500002"
    )
    DefaultOU.objects.create(organization=org["organization"], account=first)
    client.force_login(org["pa"])
    home = client.get(f"{prefix}/account/").content.decode()
    name, heading = (
        ("維護預設機構用戶帳戶", "指派／移除機構用戶為預設機構用戶帳戶")
        if prefix
        else ("Maintain default OU Account", "Assign/remove an OU as the default OU account")
    )
    assert f'<a href="{prefix}/organization/default-ous/">{name}</a>' in home
    page = client.get(f"{prefix}/organization/default-ous/").content.decode()
    assert f"<h1>{name}</h1>" in page and heading in page
    assert "ou91500001" in page and "ou91500002" in page
    action = f"{prefix}/organization/accounts/{second.pk}/designate_default_ou/"
    assert f'action="{action}"' in page
    asked = client.post(action, {"return_to": "default_ous"}).content.decode()
    assert f'href="{prefix}/organization/default-ous/"' in asked  # "No, go back"
    done = client.post(action, {"confirm": "yes", "return_to": "default_ous"})
    assert done.status_code == 302 and done.url == f"{prefix}/organization/default-ous/"
    assert DefaultOU.objects.filter(account=second).exists()
    removed = client.post(
        f"{prefix}/organization/accounts/{first.pk}/remove_default_ou/",
        {"confirm": "yes", "return_to": "default_ous"},
    )
    assert removed.status_code == 302, removed.content.decode()[-3000:]
    assert removed.url == f"{prefix}/organization/default-ous/"
    assert list(DefaultOU.objects.values_list("account", flat=True)) == [second.pk]


def test_org_7_maintain_default_ou_account_page_is_refused_to_an_sa_without_the_role(client, org):
    """ROLE-1 [A38]: "Maintain default OU Accounts" is the PA's, and an SA's only with the
    optional role; an OU never."""
    sa = ApiOnlyAccountFactory(
        organization=org["organization"], branch=org["central"], role=Role.SA
    )
    ou = ApiOnlyAccountFactory(organization=org["organization"], branch=org["central"])
    for holder in (sa, ou):
        client.force_login(holder)
        assert client.get("/organization/default-ous/").status_code == 403
        assert "/organization/default-ous/" not in client.get("/account/").content.decode()
    optional_role_given(sa, "maintain_default_ou", by=org["pa"])
    client.force_login(sa)
    assert client.get("/organization/default-ous/").status_code == 200
