"""Real parallel requests on PostgreSQL: check-then-write rules must hold when requests race.

REG-5 (one IU application per identity document), ACT-4 (an activation code works once) and
OPS-2 (the hash-chained audit trail stays linear). Each thread has its own database
connection, closed when the thread ends; a barrier starts them together.

Run with DATABASE_URL=postgres://... ; on SQLite, which lets one writer in at a time, there
is no race to test and the module is skipped.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AccountStatus, ActivationCode
from accounts.services import ActivationRefused, account_activate, activation_code_issue
from audit.models import AuditChainHead, AuditRecord
from audit.services import audit_record, audit_seal, audit_verify
from registration.models import Application, ApplicationStatus, DocumentKind, SupportingDocument
from registration.services import (
    DuplicateIdentityDocument,
    application_mark_in_order,
    application_submit,
)
from tests.factories import CASES, StaffFactory, UserFactory, new_hkid, particulars, pdf

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Lantern-Harbour-9071"


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://...): SQLite admits one writer at a "
            "time, so these races cannot happen there"
        )


def run_in_parallel(count: int, work) -> list[tuple[str, object]]:
    """Run work(0..count-1) in `count` threads released together; return, per thread,
    ("ok", result) or ("error", exception)."""
    barrier = threading.Barrier(count, timeout=30)
    results: list = [None] * count

    def runner(index):
        try:
            barrier.wait()
            results[index] = ("ok", work(index))
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            results[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def assert_audit_chain_intact():
    """Every record sealed once: consecutive sequence numbers from 1, the keyed chain ending
    at the head."""
    ok, message = audit_verify()
    assert ok, message
    assert not AuditRecord.objects.filter(sequence__isnull=True).exists(), message
    sequences = list(AuditRecord.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))
    assert AuditChainHead.objects.get().last_sequence == len(sequences)


# --- REG-5 ---------------------------------------------------------------------------------


def test_reg_5_parallel_submissions_same_identity_document_create_exactly_one():
    """REG-5: 8 applications with one HKID at once, through the service: one is created,
    seven are refused with DuplicateIdentityDocument (not a database error)."""
    hkid = new_hkid()

    def submit(index):
        return application_submit(
            particulars=particulars(id_document_number=hkid, email=f"racer{index}@example.com"),
            cases=CASES,
            documents=[(DocumentKind.PROOF_OF_INVOLVEMENT, pdf())],
        )

    results = run_in_parallel(8, submit)
    created = [value for kind, value in results if kind == "ok"]
    refused = [
        value
        for kind, value in results
        if kind == "error" and isinstance(value, DuplicateIdentityDocument)
    ]
    assert (len(created), len(refused)) == (1, 7), results
    assert list(Application.objects.values_list("pk", flat=True)) == [created[0].pk]
    assert SupportingDocument.objects.count() == 1
    assert AuditRecord.objects.filter(action="application.submitted").count() == 1
    assert_audit_chain_intact()


def test_reg_5_parallel_api_submissions_same_identity_document_one_201_rest_409():
    """REG-5, NFR-3: the same race through POST /api/v1/applications/: one 201, seven 409
    duplicate_identity_document, never a 500."""
    hkid = new_hkid()

    def submit(index):
        response = APIClient().post(
            "/api/v1/applications/",
            {
                **particulars(id_document_number=hkid, email=f"racer{index}@example.com"),
                "cases": '[{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]',
                "proof_of_involvement": pdf(),
            },
            format="multipart",
        )
        return response.status_code, response.json().get("code")

    results = run_in_parallel(8, submit)
    assert all(kind == "ok" for kind, _value in results), results
    outcomes = sorted(value for _kind, value in results)
    assert outcomes == [(201, None)] + [(409, "duplicate_identity_document")] * 7
    assert Application.objects.filter(id_document_number=hkid).count() == 1
    assert_audit_chain_intact()


# --- ACT-4 ---------------------------------------------------------------------------------


@pytest.fixture
def pending_holder():
    user = UserFactory(status=AccountStatus.PENDING_ACTIVATION)
    code = activation_code_issue(user=user, actor=None)
    return user, code


def test_act_4_parallel_activations_with_one_code_exactly_one_succeeds(pending_holder):
    """ACT-4: 6 activations with the same valid code at once: one activates the account,
    five are refused; the code is used once and the activation audited once."""
    user, code = pending_holder

    def activate(_index):
        return account_activate(
            login_name=user.login_name,
            activation_code=code,
            surname=user.surname,
            given_name=user.given_name,
            phone=user.phone,
            password=NEW_PASSWORD,
            password_confirm=NEW_PASSWORD,
        )

    results = run_in_parallel(6, activate)
    activated = [value for kind, value in results if kind == "ok"]
    refused = [
        value for kind, value in results if kind == "error" and isinstance(value, ActivationRefused)
    ]
    assert (len(activated), len(refused)) == (1, 5), results
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE
    assert user.check_password(NEW_PASSWORD)
    assert ActivationCode.objects.get(user=user).used_at is not None
    assert AuditRecord.objects.filter(action="account.activated").count() == 1
    assert_audit_chain_intact()


def test_act_4_parallel_api_activations_one_200_rest_400(pending_holder):
    """ACT-4, NFR-3: the same race through POST /api/v1/accounts/activate/."""
    user, code = pending_holder
    body = {
        "login_name": user.login_name,
        "activation_code": code,
        "surname": user.surname,
        "given_name": user.given_name,
        "phone": user.phone,
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }

    def activate(_index):
        response = APIClient().post("/api/v1/accounts/activate/", body, format="json")
        return response.status_code

    results = run_in_parallel(6, activate)
    assert all(kind == "ok" for kind, _value in results), results
    assert sorted(value for _kind, value in results) == [200] + [400] * 5
    assert AuditRecord.objects.filter(action="account.activated").count() == 1


def test_act_4_parallel_wrong_particulars_are_checked_at_most_five_times(pending_holder):
    """ACT-4: 30 activations at once with the right code and wrong particulars (a holder's
    code in a stranger's hands, guessing at the telephone number): at most five are compared
    with the record, every other attempt finds the code voided, and the code counts five
    mismatches. Counted after the attempt's transaction, the count let a burst compare many
    more (each attempt read the count before the last one had added to it)."""
    user, code = pending_holder

    def activate(index):
        return account_activate(
            login_name=user.login_name,
            activation_code=code,
            surname=user.surname,
            given_name=user.given_name,
            phone=f"9{index:07d}",
            password=NEW_PASSWORD,
            password_confirm=NEW_PASSWORD,
        )

    results = run_in_parallel(30, activate)
    assert all(kind == "error" and isinstance(value, ActivationRefused) for kind, value in results)
    codes = [value.code for _kind, value in results]
    assert (codes.count("activation_refused"), codes.count("activation_code_blocked")) == (
        5,
        25,
    ), codes
    assert ActivationCode.objects.get(user=user).failed_attempts == 5


# --- OPS-2 ---------------------------------------------------------------------------------


def test_ops_2_parallel_audited_changes_keep_the_chain_linear():
    """OPS-2: 10 applicants submit at once on an empty trail (its head row is created in the
    race), then 10 vetting decisions land at once: the chain verifies, with consecutive
    sequence numbers and one record per change."""
    results = run_in_parallel(
        10,
        lambda index: (
            application_submit(
                particulars=particulars(email=f"applicant{index}@example.com"),
                cases=CASES,
                documents=[(DocumentKind.PROOF_OF_INVOLVEMENT, pdf())],
            ).pk
        ),
    )
    assert all(kind == "ok" for kind, _value in results), results
    assert_audit_chain_intact()

    officer = StaffFactory()  # a vetting officer
    ids = [value for _kind, value in results]
    results = run_in_parallel(
        10,
        lambda index: application_mark_in_order(actor=officer, application_id=ids[index]).pk,
    )
    assert all(kind == "ok" for kind, _value in results), results
    assert (
        Application.objects.filter(status=ApplicationStatus.AWAITING_AUTHENTICATION).count() == 10
    )
    assert AuditRecord.objects.filter(action="application.submitted").count() == 10
    assert AuditRecord.objects.filter(action="application.marked_in_order").count() == 10
    assert AuditRecord.objects.count() == 20
    assert_audit_chain_intact()


def test_ops_2_parallel_audited_writes_are_each_sealed_once_into_one_linear_chain():
    """OPS-2: 16 workers each make 10 audited changes of their own row at once, none waiting
    for another's transaction; after their commits every record is sealed exactly once,
    numbered 1..160 without gaps, and the chain verifies."""
    officer = StaffFactory()
    users = [UserFactory() for _ in range(16)]

    def write(index):
        for n in range(10):
            with transaction.atomic():
                user = users[index]
                user.address = f"change {n}"
                user.save(update_fields=["address"])
                audit_record(actor=officer, action="test.parallel_write", obj=user, after={"n": n})

    results = run_in_parallel(16, write)
    assert all(kind == "ok" for kind, _value in results), results
    assert AuditRecord.objects.filter(action="test.parallel_write").count() == 160
    assert_audit_chain_intact()
    assert audit_verify() == (True, "ok (160 records)")


def test_ops_2_parallel_sealers_seal_each_record_exactly_once():
    """OPS-2: 200 committed records left unsealed (their process stopped after the commit);
    8 sealers run at once: together they seal 200, each record once."""
    officer = StaffFactory()
    backlog = []
    for n in range(200):
        record = AuditRecord(
            at=timezone.now(),
            actor=officer,
            actor_label=officer.login_name,
            action="test.backlog",
            object_type="accounts.user",
            object_id=str(officer.pk),
            after={"n": n},
        )
        record.content_hash = record.compute_content_hash()
        backlog.append(record)
    AuditRecord.objects.bulk_create(backlog)  # no on-commit sealing

    results = run_in_parallel(8, lambda _index: audit_seal())
    assert all(kind == "ok" for kind, _value in results), results
    assert sum(value for _kind, value in results) == 200
    assert_audit_chain_intact()
    assert audit_verify() == (True, "ok (200 records)")


# --- AUTH-3 --------------------------------------------------------------------------------


def test_auth_3_parallel_attempts_check_at_most_five_passwords_and_the_right_one_is_refused():
    """AUTH-3: 30 logins at once through POST /api/v1/auth/login/, 29 wrong passwords and the
    right one hidden among them (sent a moment after the first wrong ones, so that it is
    still in flight when the fifth failure locks; checked before it, it would rightly log
    in): at most five passwords are checked, every other attempt finds the account locked
    (403), the right password does not log in, and five failures are stored."""
    from axes.models import AccessAttempt

    from accounts.models import ApiToken
    from tests.factories import PASSWORD

    user = UserFactory()
    right = 17

    def attempt(index):
        if index == right:
            time.sleep(0.3)
        response = APIClient().post(
            "/api/v1/auth/login/",
            {
                "login_name": user.login_name,
                "password": PASSWORD if index == right else f"wrong-{index}",
            },
            format="json",
        )
        return response.status_code, response.json().get("code")

    results = run_in_parallel(30, attempt)
    assert all(kind == "ok" for kind, _value in results), results
    statuses = [value for _kind, value in results]
    refused = statuses.count((401, "login_refused"))
    locked = statuses.count((403, "account_locked"))
    # The fifth failure locks, so it answers 403 already.
    assert (refused, locked) == (4, 26), statuses
    assert (200, None) not in statuses
    assert not ApiToken.objects.filter(user=user).exists()
    stored = sum(
        AccessAttempt.objects.filter(username=user.login_name).values_list(
            "failures_since_start", flat=True
        )
    )
    assert stored == 5
    after = APIClient().post(
        "/api/v1/auth/login/",
        {"login_name": user.login_name, "password": PASSWORD},
        format="json",
    )
    assert after.status_code == 403 and after.json()["code"] == "account_locked"


def test_auth_3_ops_1_parallel_wrong_codes_check_at_most_five_and_the_right_one_is_refused():
    """AUTH-3, OPS-1: 30 logins of a court officer at once through POST /api/v1/auth/login/,
    each with the right password, 29 with a wrong one-time code and the right code among them
    (sent while the burst is in flight, once the fifth wrong code has locked: checked before
    that, it would rightly log in, and each request here checks a password and a code, so
    their order is not ours to arrange): at most five codes are checked, every other attempt
    finds the account locked (403), the right code does not log in, and five failures are
    stored."""
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import ApiToken
    from tests.factories import PASSWORD, one_time_code, wrong_code

    officer = StaffFactory()
    right_code, wrong = one_time_code(officer), wrong_code(officer)
    right = 17

    def failures() -> int:
        return sum(
            AccessAttempt.objects.filter(username=officer.login_name).values_list(
                "failures_since_start", flat=True
            )
        )

    def attempt(index):
        if index == right:
            deadline = time.monotonic() + 30
            while failures() < 5 and time.monotonic() < deadline:
                time.sleep(0.01)
        response = APIClient().post(
            "/api/v1/auth/login/",
            {
                "login_name": officer.login_name,
                "password": PASSWORD,
                "one_time_code": right_code if index == right else wrong,
            },
            format="json",
        )
        return response.status_code, response.json().get("code")

    results = run_in_parallel(30, attempt)
    assert all(kind == "ok" for kind, _value in results), results
    statuses = [value for _kind, value in results]
    refused = statuses.count((401, "login_refused"))
    locked = statuses.count((403, "account_locked"))
    # The fifth wrong code locks, so it answers 403 already.
    assert (refused, locked) == (4, 26), statuses
    assert (200, None) not in statuses
    assert not ApiToken.objects.filter(user=officer).exists()
    # django-otp counts the codes it refused: five were checked, no more.
    assert TOTPDevice.objects.get(user=officer).throttling_failure_count == 5
    assert failures() == 5
    after = APIClient().post(
        "/api/v1/auth/login/",
        {
            "login_name": officer.login_name,
            "password": PASSWORD,
            "one_time_code": one_time_code(officer),
        },
        format="json",
    )
    assert after.status_code == 403 and after.json()["code"] == "account_locked"
