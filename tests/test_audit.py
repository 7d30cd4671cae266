"""The audit trail: OPS-2. Append-only, hash-chained, verified by `verify_audit`.

A record is written unsealed inside the change's transaction and sealed into the chain right
after the commit. These tests run inside a transaction that never commits, so they seal the
way production does by running the on-commit callbacks (`sealed_changes`), or leave the
records unsealed on purpose."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditChainHead, AuditRecord
from audit.services import AuditChainBroken, audit_record, audit_seal, audit_verify
from audit.tasks import seal_audit_records
from registration.services import application_reject
from tests.factories import submit_application

pytestmark = pytest.mark.django_db


def _verify(*args) -> str:
    out = io.StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue().strip()


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def sealed_changes(django_capture_on_commit_callbacks):
    """Make `count` audited changes, each followed by what happens after its commit."""

    def make(count):
        for _ in range(count):
            with django_capture_on_commit_callbacks(execute=True):
                submit_application()
        assert not AuditRecord.objects.filter(sequence__isnull=True).exists()

    return make


def test_ops_2_state_change_records_who_when_what_before_after(vetting_officer):
    application = submit_application()
    application_reject(actor=vetting_officer, application_id=application.pk, reasons="Incomplete")
    record = AuditRecord.objects.get(action="application.rejected")
    assert record.actor_label == vetting_officer.login_name
    assert record.at is not None
    assert (record.object_type, record.object_id) == (
        "registration.application",
        str(application.pk),
    )
    assert record.before == {"status": "SUBMITTED"}
    assert record.after["status"] == "REJECTED"
    assert record.after["rejection_reasons"] == "Incomplete"


def test_ops_2_record_is_sealed_right_after_its_transaction_commits(
    vetting_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record = audit_record(actor=vetting_officer, action="test.done", obj=vetting_officer)
        # Inside the writer's transaction: written, but not yet in the chain.
        stored = AuditRecord.objects.get(pk=record.pk)
        assert (stored.sequence, stored.previous_hash, stored.record_hash) == (None, None, None)
    assert len(callbacks) == 1
    stored = AuditRecord.objects.get(pk=record.pk)
    assert stored.sequence == 1
    assert stored.previous_hash == "0" * 64
    assert stored.record_hash == stored.compute_hash()
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (1, stored.record_hash)


def test_ops_2_verify_audit_reports_ok(sealed_changes):
    sealed_changes(3)
    assert audit_verify() == (True, "ok (3 records)")
    assert _verify() == "ok (3 records)"


def test_ops_2_records_awaiting_sealing_are_reported_and_sealed_by_verify_audit():
    for _ in range(3):
        submit_application()  # their on-commit sealing never ran (e.g. the process stopped)
    assert audit_verify() == (True, "ok (0 records, 3 awaiting sealing)")
    assert _verify("--no-seal") == "ok (0 records, 3 awaiting sealing)"
    assert _verify() == "ok (3 records)"
    assert list(AuditRecord.objects.order_by("pk").values_list("sequence", flat=True)) == [1, 2, 3]


def test_ops_2_sealing_job_seals_what_on_commit_sealing_missed(sealed_changes):
    sealed_changes(2)
    submit_application()  # committed, not sealed
    result = seal_audit_records.enqueue()
    assert result.return_value == 1
    assert audit_seal() == 0  # nothing left: returns at once
    assert audit_verify() == (True, "ok (3 records)")


def test_ops_2_a_later_batch_continues_the_chain(sealed_changes, vetting_officer):
    sealed_changes(2)
    late = audit_record(actor=vetting_officer, action="test.late", obj=vetting_officer)
    assert audit_seal() == 1
    late = AuditRecord.objects.get(pk=late.pk)
    assert late.sequence == 3
    assert late.previous_hash == AuditRecord.objects.get(sequence=2).record_hash
    assert audit_verify() == (True, "ok (3 records)")


def test_ops_2_records_cannot_be_changed_or_deleted_through_the_model(vetting_officer):
    record = audit_record(actor=vetting_officer, action="test.done", obj=vetting_officer)
    audit_seal()
    for candidate in (record, AuditRecord.objects.get(pk=record.pk)):
        candidate.action = "test.changed"
        with pytest.raises(RuntimeError):
            candidate.save()
        with pytest.raises(RuntimeError):
            candidate.delete()
    assert AuditRecord.objects.get(pk=record.pk).action == "test.done"


def test_ops_2_verify_audit_finds_an_altered_record(sealed_changes):
    sealed_changes(3)
    _raw("UPDATE audit_auditrecord SET after = %s WHERE sequence = 2", ['{"status": "X"}'])
    with pytest.raises(CommandError, match="record #2 was altered"):
        _verify()


def test_ops_2_verify_audit_finds_a_deleted_record(sealed_changes):
    sealed_changes(3)
    _raw("DELETE FROM audit_auditrecord WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match="record #2 is missing"):
        _verify()


def test_ops_2_verify_audit_finds_a_deleted_last_record(sealed_changes):
    sealed_changes(3)
    _raw("DELETE FROM audit_auditrecord WHERE sequence = %s", [3])
    with pytest.raises(CommandError, match="ends at #2 but 3 records were written"):
        _verify()


def test_ops_2_truncation_with_rewound_head_is_detected(sealed_changes, vetting_officer):
    sealed_changes(3)
    second_hash = AuditRecord.objects.get(sequence=2).record_hash
    # Someone with write access to the database, but not the chain key, removes the newest
    # record and rewinds the head to the record before it, recomputing the head's hash as
    # best they can.
    _raw("DELETE FROM audit_auditrecord WHERE sequence = 3")
    _raw(
        "UPDATE audit_auditchainhead SET last_sequence = 2, last_hash = %s, head_hash = %s",
        [second_hash, hashlib.sha256(f"head:2:{second_hash}".encode()).hexdigest()],
    )
    assert audit_verify() == (False, "the chain head was altered")
    with pytest.raises(CommandError, match="broken: the chain head was altered"):
        _verify()
    # Nor does the next sealing paper over it by covering the rewound head with the key.
    audit_record(actor=vetting_officer, action="test.after_tampering", obj=vetting_officer)
    with pytest.raises(AuditChainBroken):
        audit_seal()
    assert audit_verify() == (False, "the chain head was altered")


def test_ops_2_truncation_keeping_the_heads_hash_is_detected(sealed_changes):
    sealed_changes(3)
    second_hash = AuditRecord.objects.get(sequence=2).record_hash
    _raw("DELETE FROM audit_auditrecord WHERE sequence = 3")
    _raw("UPDATE audit_auditchainhead SET last_sequence = 2, last_hash = %s", [second_hash])
    with pytest.raises(CommandError, match="the chain head was altered"):
        _verify()


def test_ops_2_deleting_the_head_is_detected(sealed_changes):
    sealed_changes(2)
    _raw("DELETE FROM audit_auditchainhead")
    assert audit_verify() == (False, "the chain head is missing")


def test_ops_2_verify_audit_finds_a_rewritten_chain(sealed_changes):
    sealed_changes(2)
    first = AuditRecord.objects.get(sequence=1)
    # Recomputing the altered record's own hash is not enough: the next link breaks.
    first.after = {"status": "FORGED"}
    new_hash = first.compute_hash()
    _raw(
        "UPDATE audit_auditrecord SET after = %s, record_hash = %s WHERE id = %s",
        ['{"status": "FORGED"}', new_hash, first.pk],
    )
    with pytest.raises(CommandError, match="record #2 does not follow record #1"):
        _verify()


def test_ops_2_rewriting_the_chain_without_the_key_is_detected(sealed_changes):
    sealed_changes(2)
    # Someone with write access to the database rewrites the last record and recomputes its
    # hash as a plain SHA-256 (they do not hold the chain key).
    last = AuditRecord.objects.get(sequence=2)
    forged = hashlib.sha256(b"anything they like").hexdigest()
    _raw(
        "UPDATE audit_auditrecord SET after = %s, record_hash = %s WHERE id = %s",
        ['{"status": "FORGED"}', forged, last.pk],
    )
    with pytest.raises(CommandError, match="record #2 was altered"):
        _verify()
    _raw("UPDATE audit_auditchainhead SET last_hash = %s", [forged])
    with pytest.raises(CommandError, match="the chain head was altered"):
        _verify()


def test_ops_2_a_record_altered_while_awaiting_sealing_is_detected_and_not_sealed():
    submit_application()
    record = AuditRecord.objects.get()
    _raw("UPDATE audit_auditrecord SET after = %s WHERE id = %s", ['{"status": "X"}', record.pk])
    message = f"the record awaiting sealing with id {record.pk} was altered"
    assert audit_verify() == (False, message)
    with pytest.raises(AuditChainBroken):
        audit_seal()
    assert AuditRecord.objects.get().sequence is None
    with pytest.raises(CommandError, match=message):
        _verify()


def test_ops_2_a_record_inserted_without_the_key_is_not_sealed(vetting_officer):
    forged = AuditRecord(
        at=vetting_officer.date_joined,
        actor=vetting_officer,
        actor_label=vetting_officer.login_name,
        action="application.rejected",
        object_type="registration.application",
        object_id="1",
        content_hash=hashlib.sha256(b"no key").hexdigest(),
    )
    forged.save()
    with pytest.raises(AuditChainBroken):
        audit_seal()
    assert audit_verify() == (False, f"the record awaiting sealing with id {forged.pk} was altered")


def test_ops_2_who_acted_without_an_account_is_named(vetting_officer):
    from registration import services

    application = submit_application()
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message="More please"
    )
    services.application_supplement(application_id=application.pk, answer="Here", documents=[])
    labels = dict(AuditRecord.objects.values_list("action", "actor_label"))
    assert labels == {
        "application.submitted": "applicant",
        "application.information_requested": vetting_officer.login_name,
        "application.supplemented": "applicant",
    }


def test_ops_2_officer_sees_the_applications_history(client, vetting_officer):
    from django.urls import reverse

    from registration import services

    # The records still await sealing here: the history does not depend on it.
    application = submit_application()
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message="More please"
    )
    assert not AuditRecord.objects.filter(sequence__isnull=False).exists()
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    body = page.content.decode().split("<h2>History</h2>")[1]
    assert body.index("Application received") < body.index("More information requested")
    assert vetting_officer.login_name in body and "applicant" in body


def test_ops_2_system_administrator_verifies_the_chain_in_the_back_office(
    client, system_admin, vetting_officer, sealed_changes
):
    from django.urls import reverse

    sealed_changes(1)
    url = reverse("backoffice:audit_trail")
    client.force_login(vetting_officer)
    assert client.get(url).status_code == 403
    client.force_login(system_admin)
    assert "The chain is intact" in client.post(url).content.decode()
    _raw("UPDATE audit_auditrecord SET action = %s WHERE sequence = 1", ["forged"])
    assert "The chain is broken: record #1 was altered" in client.post(url).content.decode()
