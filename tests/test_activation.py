"""Activation with the emailed code: ACT-1..4, LIFE-5, AUTH-6 (no secret stored in clear)."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts import services
from accounts.models import AccountStatus, ActivationCode
from permissions.roles import Role
from tests.factories import UserFactory, keyed_hash

pytestmark = pytest.mark.django_db(transaction=True)
GOOD_PASSWORD = "Harbour-View-2026"


@pytest.fixture
def pending(help_centre_officer):
    user = UserFactory(
        status=AccountStatus.PENDING_ACTIVATION,
        surname="Chan",
        given_name="Tai Man",
        phone="(852) 2477-1002",
        role=Role.IU,
    )
    user.set_unusable_password()  # as account_open leaves it
    user.save(update_fields=["password"])
    code = services.activation_code_issue(user=user, actor=help_centre_officer)
    return user, code


def _activate(user, code, **overrides):
    values = {
        "login_name": user.login_name,
        "activation_code": code,
        "surname": "Chan",
        "given_name": "Tai Man",
        "phone": "(852) 2477-1002",
        "password": GOOD_PASSWORD,
        "password_confirm": GOOD_PASSWORD,
    }
    values.update(overrides)
    return services.account_activate(**values)


def test_act_1_matching_particulars_activate_and_set_password(pending):
    user, code = pending
    _activate(user, code, surname="  CHAN ", given_name="tai man", phone="852 24771002")
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE
    assert user.check_password(GOOD_PASSWORD)
    assert user.password.startswith("argon2")  # AUTH-6: memory-hard hashing


@pytest.mark.parametrize(
    "override",
    [
        {"surname": "Cheung"},
        {"given_name": "TaiMan"},  # ACT-2: inner space counts
        {"phone": "+852 2477 1002"},  # ACT-3: "+" counts
        {"activation_code": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF"},
        {"login_name": "iu00000000"},
    ],
)
def test_act_1_mismatch_is_refused_and_changes_nothing(pending, override):
    user, code = pending
    with pytest.raises(services.ActivationRefused):
        _activate(user, code, **override)
    user.refresh_from_db()
    assert user.status == AccountStatus.PENDING_ACTIVATION
    assert not user.has_usable_password()


def test_act_4_code_is_single_use(pending):
    user, code = pending
    _activate(user, code)
    with pytest.raises(services.ActivationRefused):
        _activate(user, code)


def test_act_4_code_expires_after_14_days(pending):
    user, code = pending
    with time_machine.travel(timezone.now() + timedelta(days=14, seconds=1)):
        with pytest.raises(services.ActivationRefused) as exc:
            _activate(user, code)
    assert exc.value.code == "activation_code_expired"
    user.refresh_from_db()
    assert user.status == AccountStatus.PENDING_ACTIVATION


def test_act_4_code_works_until_it_expires(pending):
    user, code = pending
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=-1)):
        _activate(user, code)


def test_act_4_new_code_replaces_the_old_one(pending, help_centre_officer):
    user, old = pending
    new = services.activation_code_issue(user=user, actor=help_centre_officer)
    with pytest.raises(services.ActivationRefused) as exc:
        _activate(user, old)
    assert exc.value.code == "activation_code_used"
    _activate(user, new)


def test_act_4_five_mismatches_void_the_code(pending):
    user, code = pending
    for _ in range(5):
        with pytest.raises(services.ActivationRefused):
            _activate(user, code, surname="Wrong")
    with pytest.raises(services.ActivationRefused) as exc:
        _activate(user, code)  # even with the right particulars
    assert exc.value.code == "activation_code_blocked"


def test_act_4_four_mismatches_leave_the_code_usable(pending):
    user, code = pending
    for _ in range(4):
        with pytest.raises(services.ActivationRefused):
            _activate(user, code, surname="Wrong")
    _activate(user, code)
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE


def test_auth_6_activation_code_is_stored_only_as_a_hash(pending):
    _user, code = pending
    stored = ActivationCode.objects.get()
    assert code.replace("-", "") not in stored.secret_hash
    assert stored.secret_hash == keyed_hash(code, "activation")


def test_nfr_4_weak_password_refused_and_nothing_changes(pending):
    user, code = pending
    from core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        _activate(user, code, password="12345678", password_confirm="12345678")
    assert "password" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        _activate(user, code, password_confirm="Something-Else-2026")
    assert "password_confirm" in exc.value.errors
    user.refresh_from_db()
    assert user.status == AccountStatus.PENDING_ACTIVATION
    assert ActivationCode.objects.get().used_at is None
    _activate(user, code)  # the code still works


def test_act_1_activation_page(client, pending):
    user, code = pending
    url = reverse("activation:activate") + f"?login_name={user.login_name}"
    assert user.login_name in client.get(url).content.decode()
    data = {
        "login_name": user.login_name,
        "activation_code": code.lower(),
        "surname": "chan",
        "given_name": " Tai Man ",
        "phone": "85224771002",
        "password": GOOD_PASSWORD,
        "password_confirm": GOOD_PASSWORD,
    }
    bad = client.post(reverse("activation:activate"), {**data, "surname": "Wong"})
    assert "do not match our records" in bad.content.decode()
    response = client.post(reverse("activation:activate"), data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE


def test_ida_4_activation_email_is_in_the_holders_language(help_centre_officer):
    user = UserFactory(status=AccountStatus.PENDING_ACTIVATION, preferred_language="en")
    mail.outbox.clear()
    code = services.activation_code_issue(user=user, actor=help_centre_officer)
    (email,) = mail.outbox
    assert code in email.body and user.login_name in email.body
    assert "Activate your iCMS account" in email.subject


def test_act_4_help_centre_reissues_a_code_and_the_old_one_stops(client, help_centre_officer):
    user = UserFactory(status=AccountStatus.PENDING_ACTIVATION)
    old = services.activation_code_issue(user=user, actor=help_centre_officer)
    mail.outbox.clear()
    client.force_login(help_centre_officer)
    response = client.post(
        reverse("backoffice:reissue_activation_code"), {"login_name": user.login_name}
    )
    assert response.status_code == 302
    (email,) = mail.outbox
    new = re.search(r"Activation code: ([A-Z0-9-]+)", email.body)[1]
    assert new != old
    with pytest.raises(services.ActivationRefused):
        _activate(user, old, surname=user.surname, given_name=user.given_name, phone=user.phone)
    _activate(user, new, surname=user.surname, given_name=user.given_name, phone=user.phone)


def test_reg_3_reissued_code_repeats_the_accounts_filing_deadline(help_centre_officer):
    """The account itself holds a prospective litigant's deadline; a new code's email states it
    again, as the first one did."""
    user = UserFactory(
        status=AccountStatus.PENDING_ACTIVATION,
        preferred_language="en",
        filing_deadline=date(2027, 3, 2),
    )
    ordinary = UserFactory(status=AccountStatus.PENDING_ACTIVATION, preferred_language="en")
    mail.outbox.clear()
    services.activation_code_reissue(actor=help_centre_officer, login_name=user.login_name)
    services.activation_code_reissue(actor=help_centre_officer, login_name=ordinary.login_name)
    with translation.override("en"):
        deadline = date_format(date(2027, 3, 2), "DATE_FORMAT")
    [email] = [m for m in mail.outbox if m.to == [user.email]]
    assert f"filing an e-proceeding by {deadline}" in email.body
    [email] = [m for m in mail.outbox if m.to == [ordinary.email]]
    assert "e-proceeding by" not in email.body


def test_act_4_reissue_refused_for_active_accounts_and_other_staff(
    client, help_centre_officer, vetting_officer
):
    from core.errors import InvalidTransition, NotPermitted

    active = UserFactory()
    with pytest.raises(InvalidTransition):
        services.activation_code_reissue(actor=help_centre_officer, login_name=active.login_name)
    pending = UserFactory(status=AccountStatus.PENDING_ACTIVATION)
    with pytest.raises(NotPermitted):
        services.activation_code_reissue(actor=vetting_officer, login_name=pending.login_name)
    client.force_login(help_centre_officer)
    page = client.post(
        reverse("backoffice:reissue_activation_code"), {"login_name": active.login_name}
    )
    assert "already been activated" in page.content.decode()


def test_act_4_wrong_codes_from_a_stranger_do_not_void_the_holders_code(pending):
    user, code = pending
    for _ in range(5 + 2):
        with pytest.raises(services.ActivationRefused):
            _activate(user, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    _activate(user, code)
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE
