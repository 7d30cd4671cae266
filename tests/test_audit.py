"""The audit trail: OPS-2. Append-only, hash-chained, verified by `verify_audit`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditRecord
from audit.services import audit_record, audit_verify
from registration.services import application_reject
from tests.factories import submit_application

pytestmark = pytest.mark.django_db


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue().strip()


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


def test_ops_2_verify_audit_reports_ok(vetting_officer):
    for _ in range(3):
        submit_application()
    assert _verify() == "ok (3 records)"
    assert audit_verify() == (True, "ok (3 records)")


def test_ops_2_records_cannot_be_changed_or_deleted_through_the_model(vetting_officer):
    record = audit_record(actor=vetting_officer, action="test.done", obj=vetting_officer)
    record.action = "test.changed"
    with pytest.raises(RuntimeError):
        record.save()
    with pytest.raises(RuntimeError):
        record.delete()


def _raw_update(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_ops_2_verify_audit_finds_an_altered_record(vetting_officer):
    for _ in range(3):
        submit_application()
    second = AuditRecord.objects.get(sequence=2)
    _raw_update(
        "UPDATE audit_auditrecord SET after = %s WHERE id = %s", ['{"status": "X"}', second.pk]
    )
    with pytest.raises(CommandError, match="record #2 was altered"):
        _verify()


def test_ops_2_verify_audit_finds_a_deleted_record(vetting_officer):
    for _ in range(3):
        submit_application()
    _raw_update("DELETE FROM audit_auditrecord WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match="record #2 is missing"):
        _verify()


def test_ops_2_verify_audit_finds_a_deleted_last_record(vetting_officer):
    for _ in range(3):
        submit_application()
    _raw_update("DELETE FROM audit_auditrecord WHERE sequence = %s", [3])
    with pytest.raises(CommandError, match="ends at #2 but 3 records were written"):
        _verify()


def test_ops_2_verify_audit_finds_a_rewritten_chain(vetting_officer):
    for _ in range(2):
        submit_application()
    first = AuditRecord.objects.get(sequence=1)
    # Recomputing the altered record's own hash is not enough: the next link breaks.
    first.after = {"status": "FORGED"}
    new_hash = first.compute_hash()
    _raw_update(
        "UPDATE audit_auditrecord SET after = %s, record_hash = %s WHERE id = %s",
        ['{"status": "FORGED"}', new_hash, first.pk],
    )
    with pytest.raises(CommandError, match="record #2 does not follow record #1"):
        _verify()


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


def test_ops_2_rewriting_the_chain_without_the_key_is_detected(vetting_officer, settings):
    import hashlib

    for _ in range(2):
        submit_application()
    # Someone with write access to the database rewrites the last record and recomputes its
    # hash as a plain SHA-256 (they do not hold the chain key).
    last = AuditRecord.objects.get(sequence=2)
    last.after = {"status": "FORGED"}
    forged = hashlib.sha256(b"anything they like").hexdigest()
    _raw_update(
        "UPDATE audit_auditrecord SET after = %s, record_hash = %s WHERE id = %s",
        ['{"status": "FORGED"}', forged, last.pk],
    )
    _raw_update("UPDATE audit_auditchainhead SET last_hash = %s", [forged])
    with pytest.raises(CommandError, match="record #2 was altered"):
        _verify()


def test_ops_2_officer_sees_the_applications_history(client, vetting_officer):
    from django.urls import reverse

    from registration import services

    application = submit_application()
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message="More please"
    )
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    body = page.content.decode().split("<h2>History</h2>")[1]
    assert body.index("Application received") < body.index("More information requested")
    assert vetting_officer.login_name in body and "applicant" in body


def test_ops_2_system_administrator_verifies_the_chain_in_the_back_office(
    client, system_admin, vetting_officer
):
    from django.urls import reverse

    submit_application()
    url = reverse("backoffice:audit_trail")
    client.force_login(vetting_officer)
    assert client.get(url).status_code == 403
    client.force_login(system_admin)
    assert "The chain is intact" in client.post(url).content.decode()
    _raw_update("UPDATE audit_auditrecord SET action = %s WHERE sequence = 1", ["forged"])
    assert "The chain is broken: record #1 was altered" in client.post(url).content.decode()
