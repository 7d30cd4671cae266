"""LIFE-1 [A46]: holders update their own profile, are reminded to notify the Court and the
other parties separately, and a new email address takes effect only once confirmed with the
single-use, expiring code sent to it."""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.utils import reset as axes_reset
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import EmailChangeToken
from audit.models import AuditRecord
from core.errors import ValidationFailed
from tests import factories
from tests.conftest import emails_to
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

REMINDER = (
    "Updating your profile does not tell the Court or the other parties. If you are a party "
    "to a case, or the legal representative of a party, please notify the Court and the other "
    "party or parties of each case of the change of your contact details separately."
)
REMINDER_ZH = "更新個人資料不會通知法院或其他各方"


def api_as(user) -> APIClient:
    return factories.api_as(user, default_format="json")


def code_sent_to(address) -> str:
    (email,) = [m for m in emails_to(address) if "Confirmation code:" in m.body]
    return re.search(r"Confirmation code: ([A-Z0-9-]+)", email.body)[1]


def _confirm(user, code, password=PASSWORD):
    request = RequestFactory().post("/account/profile/email/", REMOTE_ADDR="203.0.113.9")
    return services.email_change_confirm(
        request=request, actor=user, confirmation_code=code, password=password
    )


def actions_of(user) -> list[str]:
    return list(
        AuditRecord.objects.filter(object_id=str(user.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_life_1_new_email_waits_for_confirmation_through_the_new_address():
    user = UserFactory(email="old@example.com")
    pending = services.email_change_request(actor=user, email="new@example.com")
    user.refresh_from_db()
    assert user.email == "old@example.com"
    assert pending.new_email == "new@example.com"
    code = code_sent_to("new@example.com")
    # The old address is told, without the code.
    (notice,) = emails_to("old@example.com")
    assert "new@example.com" in notice.body and code not in notice.body
    _confirm(user, code)
    user.refresh_from_db()
    assert user.email == "new@example.com"
    assert actions_of(user)[-2:] == ["account.email_change_requested", "account.email_changed"]
    record = AuditRecord.objects.get(action="account.email_changed")
    assert (record.before, record.after) == (
        {"email": "old@example.com"},
        {"email": "new@example.com"},
    )
    # The old address hears that the change was made.
    assert len(emails_to("old@example.com")) == 2


def test_life_1_confirmation_code_is_single_use():
    user = UserFactory()
    services.email_change_request(actor=user, email="new@example.com")
    code = code_sent_to("new@example.com")
    _confirm(user, code)
    with pytest.raises(services.EmailChangeRefused, match="already been used"):
        _confirm(user, code)


def test_life_1_confirmation_code_expires_after_24_hours():
    user = UserFactory(email="old@example.com")
    services.email_change_request(actor=user, email="new@example.com")
    code = code_sent_to("new@example.com")
    with time_machine.travel(timezone.now() + timedelta(hours=24, seconds=1)):
        with pytest.raises(services.EmailChangeRefused, match="has expired"):
            _confirm(user, code)
    user.refresh_from_db()
    assert user.email == "old@example.com"
    assert not AuditRecord.objects.filter(action="account.email_changed").exists()


def test_life_1_confirmation_code_works_until_24_hours_have_passed():
    user = UserFactory()
    services.email_change_request(actor=user, email="new@example.com")
    code = code_sent_to("new@example.com")
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=-1)):
        _confirm(user, code)
    user.refresh_from_db()
    assert user.email == "new@example.com"


def test_life_1_second_request_replaces_the_first():
    user = UserFactory()
    services.email_change_request(actor=user, email="first@example.com")
    first = code_sent_to("first@example.com")
    services.email_change_request(actor=user, email="second@example.com")
    second = code_sent_to("second@example.com")
    with pytest.raises(services.EmailChangeRefused, match="replaced by a later request"):
        _confirm(user, first)
    _confirm(user, second)
    user.refresh_from_db()
    assert user.email == "second@example.com"


def test_life_1_code_belongs_to_one_account_and_wrong_code_is_refused():
    user, other = UserFactory(email="a@example.com"), UserFactory(email="b@example.com")
    services.email_change_request(actor=user, email="new@example.com")
    code = code_sent_to("new@example.com")
    with pytest.raises(services.EmailChangeRefused, match="not correct"):
        _confirm(other, code)
    with pytest.raises(services.EmailChangeRefused, match="not correct"):
        _confirm(user, "ABCDE-FGHJK")
    other.refresh_from_db()
    user.refresh_from_db()
    assert (user.email, other.email) == ("a@example.com", "b@example.com")


def test_life_1_code_is_stored_only_as_a_hash():
    user = UserFactory()
    services.email_change_request(actor=user, email="new@example.com")
    code = code_sent_to("new@example.com")
    row = EmailChangeToken.objects.get(user=user)
    assert code not in row.secret_hash and code.replace("-", "") not in row.secret_hash


def test_life_1_bad_or_same_address_refused_with_nothing_saved():
    user = UserFactory(email="same@example.com")
    with pytest.raises(ValidationFailed) as bad:
        services.email_change_request(actor=user, email="not-an-address")
    assert set(bad.value.errors) == {"email"}
    with pytest.raises(ValidationFailed) as same:
        services.email_change_request(actor=user, email="same@example.com")
    assert same.value.errors == {"email": ["This is already your email address."]}
    assert not EmailChangeToken.objects.exists()
    assert mail.outbox == []
    assert not AuditRecord.objects.filter(action__startswith="account.email").exists()


def test_life_1_profile_change_of_contact_details_carries_the_reminder_in_the_api():
    user = UserFactory(email="old@example.com", phone="2111 1111")
    response = api_as(user).patch(
        "/api/v1/me/profile/",
        {"email": "new@example.com", "phone": "2999 0000", "address": "1 Harbour Road"},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["email"] == "old@example.com"
    assert body["pending_email_change"]["new_email"] == "new@example.com"
    assert body["reminder"] == REMINDER
    user.refresh_from_db()
    assert (user.email, user.phone, user.address) == (
        "old@example.com",
        "2999 0000",
        "1 Harbour Road",
    )
    assert actions_of(user)[-2:] == ["account.profile_updated", "account.email_change_requested"]


def test_life_1_reminder_in_chinese_and_none_when_only_the_language_changes():
    user = UserFactory(phone="2111 1111")
    api = api_as(user)
    same = {"email": user.email, "phone": "2111 1111"}
    body = api.patch("/api/v1/me/profile/", {**same, "preferred_language": "zh-hant"}).json()
    assert (body["reminder"], body["pending_email_change"]) == (None, None)
    body = api.patch(
        "/api/v1/me/profile/", {**same, "phone": "2333 3333"}, HTTP_ACCEPT_LANGUAGE="zh-hant"
    ).json()
    assert REMINDER_ZH in body["reminder"]


def test_life_1_email_change_through_the_api():
    user = UserFactory(email="old@example.com")
    api = api_as(user)
    response = api.post("/api/v1/me/email-change/", {"email": "new@example.com"})
    assert response.status_code == 202, response.json()
    assert response.json()["new_email"] == "new@example.com"
    wrong = api.post(
        "/api/v1/me/email-change/confirm/", {"confirmation_code": "ABCDE", "password": PASSWORD}
    )
    assert (wrong.status_code, wrong.json()["code"]) == (400, "email_change_refused")
    code = code_sent_to("new@example.com")
    no_password = api.post("/api/v1/me/email-change/confirm/", {"confirmation_code": code})
    assert no_password.status_code == 400 and "password" in no_password.json()["errors"]
    wrong_password = api.post(
        "/api/v1/me/email-change/confirm/", {"confirmation_code": code, "password": "nope"}
    )
    assert wrong_password.status_code == 400
    assert wrong_password.json()["errors"]["password"] == ["Your password is not correct."]
    done = api.post(
        "/api/v1/me/email-change/confirm/", {"confirmation_code": code, "password": PASSWORD}
    )
    assert done.status_code == 200, done.json()
    assert (done.json()["email"], done.json()["reminder"]) == ("new@example.com", REMINDER)
    again = api.post(
        "/api/v1/me/email-change/confirm/", {"confirmation_code": code, "password": PASSWORD}
    )
    assert again.status_code == 400


def test_life_1_profile_page_starts_the_change_and_confirm_page_completes_it(client):
    user = UserFactory(email="old@example.com", phone="2111 1111")
    client.force_login(user)
    response = client.post(
        "/account/profile/",
        {"email": "new@example.com", "phone": "2111 1111", "preferred_language": "en"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/account/profile/email/"
    page = response.content.decode()
    assert "new@example.com" in page and REMINDER.split(".")[0] in page
    code = code_sent_to("new@example.com")
    bad = client.post(
        "/account/profile/email/", {"confirmation_code": "WRONG", "password": PASSWORD}
    )
    assert (
        bad.status_code == 200 and "The confirmation code is not correct." in bad.content.decode()
    )
    done = client.post(
        "/account/profile/email/", {"confirmation_code": code, "password": PASSWORD}, follow=True
    )
    assert "Your email address is now new@example.com." in done.content.decode()
    user.refresh_from_db()
    assert user.email == "new@example.com"


@pytest.mark.parametrize("phone", ["call my secretary!", "n/a", "2111-111"])
def test_act_3_a_telephone_number_the_holder_could_not_type_back_is_refused(client, phone):
    user = UserFactory(email="old@example.com", phone="2111 1111")
    client.force_login(user)
    response = client.post(
        "/account/profile/",
        {"email": "old@example.com", "phone": phone, "preferred_language": "en"},
    )
    assert response.status_code == 200
    assert "Enter a telephone number of at least 8 digits" in response.content.decode()
    user.refresh_from_db()
    assert user.phone == "2111 1111"


def test_life_1_a_session_alone_cannot_move_the_email_address_and_take_the_password(client):
    """A session left open (a shared computer, a stolen cookie) does not know the password, and
    changing the password asks for it. Moving the email address did not: the thief confirmed
    its own address, made the account lock with five wrong passwords, and the self-unlock
    page then sent the Change Token, and the password, to the thief. The new address is
    confirmed with the password as well as the code."""
    user = UserFactory(email="holder@example.com")
    thief = Client()
    thief.force_login(user)
    services.email_change_request(actor=user, email="thief@example.com")
    code = code_sent_to("thief@example.com")
    page = thief.post(reverse("accounts:confirm_email"), {"confirmation_code": code})
    assert page.status_code == 200
    assert "Your password" in page.content.decode()
    user.refresh_from_db()
    assert user.email == "holder@example.com"
    # The rest of the chain: the lock's self-unlock token goes to the holder, not the thief.
    for _ in range(5):
        client.post(reverse("accounts:login"), {"login_name": user.login_name, "password": "x"})
    client.post(reverse("accounts:unlock"), {"login_name": user.login_name})
    assert not [m for m in emails_to("thief@example.com") if "Change Token" in m.subject]
    assert [m for m in emails_to("holder@example.com") if "Change Token" in m.subject]
    # The holder, who knows the password, confirms (once the lock is lifted).
    axes_reset(username=user.login_name)
    services.email_change_request(actor=user, email="new@example.com")
    done = thief.post(
        reverse("accounts:confirm_email"),
        {"confirmation_code": code_sent_to("new@example.com"), "password": PASSWORD},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.email == "new@example.com"


def test_life_1_profile_is_reached_by_the_menu_and_page_names_the_faq_gives(client):
    """[A46]: "After login, the account holder may select the menu "Update Your Profile" and
    change his/her particulars in the page "Maintain User Profile"": a holder following the
    answer finds both names, in English and in Chinese."""
    client.force_login(UserFactory())
    home = client.get("/account/").content.decode()
    assert '<a href="/account/profile/">Update Your Profile</a>' in home
    page = client.get("/account/profile/").content.decode()
    assert "<h1>Maintain User Profile</h1>" in page
    home_zh = client.get("/zh-hant/account/").content.decode()
    assert '<a href="/zh-hant/account/profile/">更新你的個人資料</a>' in home_zh
    assert "<h1>維護用戶個人資料</h1>" in client.get("/zh-hant/account/profile/").content.decode()
