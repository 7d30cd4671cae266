"""Online and paper IU applications: REG-2..6, GEN-4, GEN-6, NFR-4."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditRecord
from core.errors import NotPermitted, ValidationFailed
from registration.models import Application, ApplicationStatus, Channel, DocumentKind
from registration.services import DuplicateIdentityDocument, application_submit
from tests.factories import CASES, UserFactory, new_hkid, particulars, pdf, submit_application

# Emails leave on commit, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def _submit_page(client, **overrides):
    data = {
        "surname": "Chan",
        "given_name": "Tai Man",
        "id_document_type": "HKID",
        "id_document_number": new_hkid(),
        "address": "Flat A, 10/F, 1 Queen's Road Central",
        "phone": "(852) 2477-1002",
        "email": "chan@example.com",
        "language": "en",
        "cases-TOTAL_FORMS": "3",
        "cases-INITIAL_FORMS": "0",
        "cases-MIN_NUM_FORMS": "0",
        "cases-MAX_NUM_FORMS": "10",
        "cases-0-case_number": "DCPI 1234/2025",
        "cases-0-party_type": "PLAINTIFF",
        "proof_of_involvement": pdf(),
    }
    data.update(overrides)
    return client.post(
        reverse("registration:apply"), {k: v for k, v in data.items() if v is not None}
    )


def test_reg_2_online_application_records_particulars_cases_and_documents(client):
    response = _submit_page(client, id_document_number="A123456(3)")
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.channel == Channel.ONLINE
    assert application.id_document_number == "A1234563"  # normalized
    assert [(c.case_number, c.party_type) for c in application.cases.all()] == [
        ("DCPI 1234/2025", "PLAINTIFF")
    ]
    assert application.documents.get().kind == DocumentKind.PROOF_OF_INVOLVEMENT
    page = client.get(response["Location"])
    assert application.reference in page.content.decode()
    assert AuditRecord.objects.filter(action="application.submitted").count() == 1


def test_reg_8_acknowledgement_email_gives_reference_and_due_date():
    application = submit_application()
    (message,) = mail.outbox
    assert message.to == ["chan.taiman@example.com"]
    assert application.reference in message.subject
    assert application.reference in message.body
    assert "/apply/status/" in message.body


def test_gen_4_registration_has_no_payment_step(client):
    page = client.get(reverse("registration:apply")).content.decode().lower()
    assert "fee" not in page and "payment" not in page


def test_reg_3_prospective_litigant_needs_draft_originating_document():
    with pytest.raises(ValidationFailed) as exc:
        submit_application(cases=[], prospective_litigant=True)
    assert "documents-DRAFT_ORIGINATING" in exc.value.errors
    application = submit_application(
        cases=[],
        prospective_litigant=True,
        documents=[(DocumentKind.DRAFT_ORIGINATING_DOCUMENT, pdf("draft-writ.pdf"))],
    )
    assert application.prospective_litigant and not application.cases.exists()


def test_reg_2_a_case_is_required_unless_prospective():
    with pytest.raises(ValidationFailed) as exc:
        submit_application(cases=[])
    assert "cases" in exc.value.errors
    assert not Application.objects.exists()


def test_reg_4_proof_of_involvement_is_required():
    with pytest.raises(ValidationFailed) as exc:
        application_submit(particulars=particulars(), cases=CASES, documents=[])
    assert "documents-PROOF_OF_INVOLVEMENT" in exc.value.errors
    assert not Application.objects.exists()


def test_reg_5_duplicate_identity_document_of_pending_application_refused():
    hkid = new_hkid()
    submit_application(particulars={"id_document_number": hkid})
    mail.outbox.clear()
    with pytest.raises(DuplicateIdentityDocument):
        # Written differently, it is the same document.
        submit_application(particulars={"id_document_number": f"{hkid[:-1]}({hkid[-1]})"})
    assert Application.objects.count() == 1
    assert mail.outbox == []


def test_reg_5_duplicate_identity_document_of_live_account_refused():
    holder = UserFactory(role=Role.IU)
    with pytest.raises(DuplicateIdentityDocument):
        submit_application(particulars={"id_document_number": holder.id_document_number})


def test_reg_5_same_document_allowed_again_after_rejection(vetting_officer):
    from registration.services import application_reject

    hkid = new_hkid()
    first = submit_application(particulars={"id_document_number": hkid})
    application_reject(actor=vetting_officer, application_id=first.pk, reasons="No proof.")
    second = submit_application(particulars={"id_document_number": hkid})
    assert second.pk != first.pk


def test_reg_5_duplicate_shown_clearly_on_the_page(client):
    hkid = new_hkid()
    _submit_page(client, id_document_number=hkid)
    response = _submit_page(client, id_document_number=hkid)
    assert response.status_code == 200
    assert "already exists for this identification document" in response.content.decode()
    assert Application.objects.count() == 1


def test_reg_6_shared_email_is_warned_not_blocked(client):
    UserFactory(email="family@example.com")
    response = _submit_page(client, email="family@example.com")
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.email_already_registered
    page = client.get(response["Location"]).content.decode()
    assert "already registered to another iCMS account" in page


def test_reg_6_form_advises_using_own_email(client):
    page = client.get(reverse("registration:apply")).content.decode()
    assert "Use your own email address" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("surname", "", "This field is required"),
        ("phone", "call me", "telephone number of at least 8 digits"),
        ("phone", "1234", "telephone number of at least 8 digits"),
        ("id_document_number", "A1234567", "valid Hong Kong Identity Card number"),
        ("cases-0-case_number", "1234/2025", "case number such as DCPI 1234/2025"),
        ("email", "not-an-email", "valid email address"),
    ],
)
def test_nfr_4_bad_particulars_get_a_clear_error_and_save_nothing(client, field, value, message):
    response = _submit_page(client, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_nfr_4_wrong_file_type_refused(client):
    fake = SimpleUploadedFile(
        "proof.pdf", b"just some text pretending", content_type="application/pdf"
    )
    response = _submit_page(client, proof_of_involvement=fake)
    assert "is not a PDF, JPEG or PNG file" in response.content.decode()
    assert not Application.objects.exists()


def test_nfr_4_oversized_upload_refused(client, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = pdf(content=b"%PDF-1.4\n" + b"0" * 2048)
    response = _submit_page(client, proof_of_involvement=big)
    assert "is larger than" in response.content.decode()
    assert not Application.objects.exists()


def test_nfr_4_missing_document_shown_on_the_form(client):
    response = _submit_page(client, proof_of_involvement=None)
    assert "Attach: Proof of involvement" in response.content.decode()
    assert not Application.objects.exists()


def test_gen_6_help_centre_keys_in_paper_application_with_scan_and_channel(help_centre_officer):
    application = submit_application(
        channel=Channel.FAX,
        actor=help_centre_officer,
        documents=[
            (DocumentKind.PROOF_OF_INVOLVEMENT, pdf()),
            (DocumentKind.SCANNED_APPLICATION_FORM, pdf("fax.pdf")),
        ],
    )
    assert application.channel == Channel.FAX
    assert application.keyed_in_by == help_centre_officer
    assert application.documents.filter(kind=DocumentKind.SCANNED_APPLICATION_FORM).exists()


def test_gen_6_paper_application_needs_the_scanned_form(help_centre_officer):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(channel=Channel.POST, actor=help_centre_officer)
    assert "documents-SCANNED_FORM" in exc.value.errors


def test_gen_6_only_help_centre_keys_in_paper_applications(vetting_officer):
    with pytest.raises(NotPermitted):
        submit_application(channel=Channel.HAND, actor=vetting_officer)


def test_gen_6_key_in_page_records_channel(client, help_centre_officer):
    client.force_login(help_centre_officer)
    data = {
        "channel": "POST",
        "scanned_application_form": pdf("scan.pdf"),
        "surname": "Lee",
        "given_name": "Siu Ming",
        "id_document_type": "HKID",
        "id_document_number": new_hkid(),
        "address": "1 Nathan Road",
        "phone": "2345 6789",
        "email": "lee@example.com",
        "language": "en",
        "cases-TOTAL_FORMS": "1",
        "cases-INITIAL_FORMS": "0",
        "cases-0-case_number": "DCTC 88/2026",
        "cases-0-party_type": "DEFENDANT",
        "proof_of_involvement": pdf(),
    }
    response = client.post(reverse("backoffice:key_in_application"), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.keyed_in_by) == (Channel.POST, help_centre_officer)


def test_reg_1_party_acting_in_person_is_the_default():
    application = submit_application()
    assert application.eligibility == "PARTY" and application.eligibility_reason == ""


def test_reg_1_other_person_must_give_a_reason_for_the_vetting_officer(client, vetting_officer):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(particulars={"eligibility": "OTHER"})
    assert "eligibility_reason" in exc.value.errors
    assert not Application.objects.exists()
    reason = "Allowed by leave of the Court to appear instead of my mother (s.15(1)(d) DCO)."
    application = submit_application(
        particulars={"eligibility": "OTHER", "eligibility_reason": reason},
        cases=[{"case_number": "DCPI 77/2026", "party_type": "NOT_A_PARTY"}],
    )
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    assert reason in page.content.decode()


def test_reg_1_reason_on_the_page(client):
    response = _submit_page(client, eligibility="OTHER")
    assert "Explain why you should be registered" in response.content.decode()
    response = _submit_page(client, eligibility="OTHER", eligibility_reason="Leave of the Court")
    assert response.status_code == 302
    assert Application.objects.get().eligibility_reason == "Leave of the Court"


def test_reg_9_listed_cases_kept_with_the_account_for_linking(vetting_officer, help_centre_officer):
    from registration import services

    application = submit_application(
        cases=[
            {"case_number": "dcpi  1234/2025", "party_type": "PLAINTIFF"},
            {"case_number": "DCTC 88/2026", "party_type": "DEFENDANT"},
        ]
    )
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        counter="HELP_CENTRE",
        mode="IN_PERSON",
        presented_document_type="HKID",
        presented_document_number=application.id_document_number,
    )
    application.refresh_from_db()
    cases = [(c.case_number, c.party_type) for c in application.account.application.cases.all()]
    assert cases == [("DCPI 1234/2025", "PLAINTIFF"), ("DCTC 88/2026", "DEFENDANT")]
