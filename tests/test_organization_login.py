"""AUTH-2 [A33]: PA, SA and OU accounts log in with the Organization Code, the login name and the
password, on the one login page and the API; every wrong part gets the same answer and counts
under AUTH-3. With them: ORG-5 (effective end date) and ORG-8 (no active PA) at login, and
lockout, self-unlock and the Help Centre's reset for a PA as for an IU."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.backends import AccountBackend
from accounts.services.unlocking import account_unlock
from organizations.models import OrganizationStatus
from permissions.roles import Role
from tests.factories import (
    PASSWORD,
    RESET_REQUEST,
    OrganizationAccountFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
HK = ZoneInfo("Asia/Hong_Kong")
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=HK)
CODE = "K7QM4XPD2R"
OTHER_CODE = "M3NB8TZQ6W"
WRONG = "The login name, password or Organization Code is not correct"
LOCKED = "This account is locked after five unsuccessful login attempts"
LOGIN_API = "/api/v1/auth/login/"
REFUSED_BODY = {
    "code": "login_refused",
    "detail": "The login name, password or Organization Code is not correct.",
}
NEW = "Lion-Rock-Sunrise-7"


@pytest.fixture
def organization():
    return OrganizationFactory(code=CODE)


def _holder(organization, role, **fields):
    return OrganizationAccountFactory(organization=organization, role=role, **fields)


def _page_login(client, login_name, password=PASSWORD, code=None):
    data = {"login_name": login_name, "password": password}
    if code is not None:
        data["organization_code"] = code
    return client.post(reverse("accounts:login"), data)


def _api_login(client, login_name, password=PASSWORD, code=None):
    data = {"login_name": login_name, "password": password}
    if code is not None:
        data["organization_code"] = code
    return client.post(LOGIN_API, data, content_type="application/json")


def _logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse("accounts:home")


def _refused_on_page(response):
    body = response.content.decode()
    return response.status_code == 200 and WRONG in body and LOCKED not in body


# --- the right code --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PA, Role.SA, Role.OU])
def test_auth_2_organization_holder_logs_in_on_the_page_with_the_code(client, organization, role):
    holder = _holder(organization, role)
    assert _logged_in(_page_login(client, holder.login_name, code=CODE))


@pytest.mark.parametrize("role", [Role.PA, Role.SA, Role.OU])
def test_auth_2_organization_holder_logs_in_through_the_api_with_the_code(
    client, organization, role
):
    holder = _holder(organization, role)
    response = _api_login(client, holder.login_name, code=CODE)
    assert response.status_code == 200
    assert response.json()["account"]["login_name"] == holder.login_name
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    assert me.status_code == 200


def test_auth_2_iu_logs_in_without_a_code_on_the_page_and_api(client):
    iu = UserFactory()
    assert _logged_in(_page_login(client, iu.login_name))
    assert _logged_in(_page_login(client, iu.login_name, code=""))
    assert _api_login(client, iu.login_name).status_code == 200


@pytest.mark.parametrize(
    "typed",
    ["k7qm4xpd2r", " K7QM4 XPD2R ", "K7QM4-XPD2R", "k7qm4-xpd2r", "Ｋ７ＱＭ４－ＸＰＤ２Ｒ"],
)
def test_auth_2_code_is_read_whatever_its_case_spaces_hyphen_or_fullwidth_form(
    client, organization, typed
):
    pa = _holder(organization, Role.PA)
    assert _logged_in(_page_login(client, pa.login_name, code=typed))
    assert _api_login(client, pa.login_name, code=typed).status_code == 200


def test_auth_2_login_page_has_the_organization_code_field_labelled_and_hinted(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'id="id_organization_code"' in page
    assert '<label for="id_organization_code">Organization Code (organization accounts only)' in (
        page
    )
    assert 'aria-describedby="id_organization_code_helptext"' in page
    assert "Individual Users leave it empty." in page
    chinese = client.get("/zh-hant" + reverse("accounts:login")).content.decode()
    assert 'id="id_organization_code"' in chinese
    assert "機構編碼（只適用於機構帳戶）" in chinese
    assert "個人用戶毋須填寫" in chinese


# --- every wrong part: the same answer, counted -----------------------------------------------


def _wrong_cases(organization):
    """(login name, password, code) of each kind of wrong login, each on an account of its
    own (so that none is locked by the others); each refused alike."""
    other = OrganizationFactory(code=OTHER_CODE)

    def pa():
        return _holder(organization, Role.PA).login_name

    return {
        "wrong code": (pa(), PASSWORD, "ABCDE12345"),
        "missing code": (pa(), PASSWORD, None),
        "empty code": (pa(), PASSWORD, ""),
        "code of another organization": (pa(), PASSWORD, other.code),
        "not a code at all": (pa(), PASSWORD, "hello"),
        "SA with the code of another organization": (
            _holder(organization, Role.SA).login_name,
            PASSWORD,
            OTHER_CODE,
        ),
        "IU with a code": (UserFactory().login_name, PASSWORD, CODE),
        "wrong password": (pa(), "wrong-password", CODE),
        "unknown login name": ("nobody0001", PASSWORD, CODE),
    }


def test_auth_2_every_wrong_part_gets_the_same_answer_on_the_page(client, organization):
    for case, (login_name, password, code) in _wrong_cases(organization).items():
        response = _page_login(client, login_name, password, code)
        assert _refused_on_page(response), case
        assert "_auth_user_id" not in client.session, case


def test_auth_2_every_wrong_part_gets_the_same_answer_through_the_api(client, organization):
    for case, (login_name, password, code) in _wrong_cases(organization).items():
        response = _api_login(client, login_name, password, code)
        assert (response.status_code, response.json()) == (401, REFUSED_BODY), case


@pytest.mark.parametrize(
    "code", ["ABCDE12345", None, OTHER_CODE], ids=["wrong", "missing", "other organization"]
)
def test_auth_2_five_logins_with_a_bad_code_lock_the_account(client, organization, code):
    OrganizationFactory(code=OTHER_CODE)
    pa = _holder(organization, Role.PA)
    for i in range(4):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            assert _refused_on_page(_page_login(client, pa.login_name, code=code))
    with time_machine.travel(T0 + timedelta(seconds=4), tick=False):
        fifth = _page_login(client, pa.login_name, code=code)
        assert LOCKED in fifth.content.decode()
    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        # The right code and password are refused while locked ...
        assert LOCKED in _page_login(client, pa.login_name, code=CODE).content.decode()
        assert _api_login(client, pa.login_name, code=CODE).json()["code"] == "account_locked"
    with time_machine.travel(T0 + timedelta(seconds=4, minutes=30), tick=False):
        # ... and let in 30 minutes after the last counted failure.
        assert _logged_in(_page_login(client, pa.login_name, code=CODE))


def test_auth_2_iu_giving_a_code_five_times_is_locked(client, organization):
    iu = UserFactory()
    for i in range(5):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            response = _api_login(client, iu.login_name, code=CODE)
    assert (response.status_code, response.json()["code"]) == (403, "account_locked")


def test_auth_2_bad_codes_and_bad_passwords_count_together(client, organization):
    ou = _holder(organization, Role.OU)
    for i, (password, code) in enumerate(
        [("wrong-password", CODE), (PASSWORD, "ABCDE12345"), ("wrong-password", CODE)]
        + [(PASSWORD, None), (PASSWORD, OTHER_CODE)]
    ):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            response = _page_login(client, ou.login_name, password, code)
    assert LOCKED in response.content.decode()


def test_auth_2_a_right_login_resets_the_count_of_bad_codes(client, organization):
    pa = _holder(organization, Role.PA)
    for i in range(4):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            _page_login(client, pa.login_name, code="ABCDE12345")
    with time_machine.travel(T0 + timedelta(seconds=5), tick=False):
        assert _logged_in(_page_login(client, pa.login_name, code=CODE))
        client.post(reverse("accounts:logout"))
    for i in range(4):
        with time_machine.travel(T0 + timedelta(seconds=10 + i), tick=False):
            assert _refused_on_page(_page_login(client, pa.login_name, code="ABCDE12345"))


def test_auth_2_code_without_the_right_password_is_refused(client, organization):
    pa = _holder(organization, Role.PA)
    assert _refused_on_page(_page_login(client, pa.login_name, "wrong-password", CODE))


def test_auth_2_staff_account_giving_a_code_is_refused(client, organization, vetting_officer):
    assert _refused_on_page(_page_login(client, vetting_officer.login_name, code=CODE))
    assert _page_login(client, vetting_officer.login_name).status_code == 302


def test_auth_2_password_change_of_a_logged_in_pa_needs_no_code(client, organization):
    pa = _holder(organization, Role.PA)
    client.force_login(pa)
    response = client.post(
        reverse("accounts:change_password"),
        {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
    )
    assert response.status_code == 302
    pa.refresh_from_db()
    assert pa.check_password(NEW)


# --- ORG-8: no active PA ----------------------------------------------------------------------


def test_org_8_sa_and_ou_of_an_organization_without_an_active_pa_cannot_log_in(
    client, organization
):
    pa = _holder(organization, Role.PA)
    sa = _holder(organization, Role.SA)
    ou = _holder(organization, Role.OU)
    organization.status = OrganizationStatus.NO_ACTIVE_PA
    organization.save()
    for holder in (sa, ou):
        assert _refused_on_page(_page_login(client, holder.login_name, code=CODE))
        response = _api_login(client, holder.login_name, code=CODE)
        assert (response.status_code, response.json()) == (401, REFUSED_BODY)
    assert _api_login(client, pa.login_name, code=CODE).status_code == 200
    assert _logged_in(_page_login(client, pa.login_name, code=CODE))


def test_org_8_service_resumes_when_the_organization_has_an_active_pa_again(client, organization):
    ou = _holder(organization, Role.OU)
    token = _api_login(client, ou.login_name, code=CODE).json()["token"]
    organization.status = OrganizationStatus.NO_ACTIVE_PA
    organization.save()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    organization.status = OrganizationStatus.ACTIVE
    organization.save()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert _logged_in(_page_login(client, ou.login_name, code=CODE))


# --- ORG-5: the effective end date ------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SA, Role.OU])
def test_org_5_past_its_end_date_an_account_cannot_log_in_and_its_token_stops(
    client, organization, role
):
    holder = _holder(organization, role, effective_end_date=date(2026, 11, 30))
    # The last day (Hong Kong) it can still be used.
    with time_machine.travel(datetime(2026, 11, 30, 23, 0, tzinfo=HK), tick=False):
        token = _api_login(client, holder.login_name, code=CODE).json()["token"]
        bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        assert client.get("/api/v1/me/", **bearer).status_code == 200
    with time_machine.travel(datetime(2026, 12, 1, 0, 0, 1, tzinfo=HK), tick=False):
        assert client.get("/api/v1/me/", **bearer).status_code == 401
        response = _api_login(client, holder.login_name, code=CODE)
        assert (response.status_code, response.json()) == (401, REFUSED_BODY)
        assert _refused_on_page(_page_login(client, holder.login_name, code=CODE))
        # Revising the date restores it, the token too (it has not yet expired).
        holder.effective_end_date = date(2027, 6, 30)
        holder.save(update_fields=["effective_end_date"])
        assert client.get("/api/v1/me/", **bearer).status_code == 200
        assert _api_login(client, holder.login_name, code=CODE).status_code == 200


# --- lockout, self-unlock and the Help Centre for a PA ----------------------------------------


def _lock(client, pa):
    for i in range(5):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            response = _page_login(client, pa.login_name, "wrong-password", CODE)
    assert LOCKED in response.content.decode()


def _token_in(email):
    return re.search(r"Change Token: ([A-Z0-9-]+)", email.body)[1]


def test_auth_3_pa_is_locked_after_five_failures_and_its_holder_emailed(client, organization):
    pa = _holder(organization, Role.PA)
    _lock(client, pa)
    assert [m for m in mail.outbox if pa.email in m.to and "locked" in m.subject.lower()]


def test_bey_4_pa_opens_its_locked_account_with_a_self_unlock_change_token(client, organization):
    pa = _holder(organization, Role.PA)
    _lock(client, pa)
    mail.outbox.clear()
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        client.post(reverse("accounts:unlock"), {"login_name": pa.login_name})
    (email,) = [m for m in mail.outbox if pa.email in m.to]
    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        response = client.post(
            reverse("accounts:reset_password"),
            {
                "login_name": pa.login_name,
                "change_token": _token_in(email),
                "password": NEW,
                "password_confirm": NEW,
            },
        )
        assert response.status_code == 302
        assert _logged_in(_page_login(client, pa.login_name, NEW, CODE))


def test_auth_4_help_centre_resets_a_pas_password(client, organization, help_centre_officer):
    pa = _holder(organization, Role.PA)
    _lock(client, pa)
    services.change_token_issue(
        actor=help_centre_officer, login_name=pa.login_name, **RESET_REQUEST
    )
    (email,) = [m for m in mail.outbox if pa.email in m.to and "Change Token:" in m.body]
    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        services.password_reset(
            login_name=pa.login_name,
            change_token=_token_in(email),
            password=NEW,
            password_confirm=NEW,
        )
        # The reset clears the lock as well (AUTH-4).
        assert _logged_in(_page_login(client, pa.login_name, NEW, CODE))


def test_auth_3_help_centre_unlocks_a_pa_in_the_back_office(
    client, organization, help_centre_officer
):
    pa = _holder(organization, Role.PA)
    _lock(client, pa)
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        account_unlock(
            actor=help_centre_officer, login_name=pa.login_name, reasons="PA called, verified"
        )
        assert _logged_in(_page_login(client, pa.login_name, code=CODE))


def test_org_8_each_request_reads_an_ou_with_its_organization_in_one_query(
    django_assert_num_queries,
):
    ou = OrganizationAccountFactory(role=Role.OU)
    with django_assert_num_queries(1):
        user = AccountBackend().get_user(ou.pk)
        assert user.is_active
