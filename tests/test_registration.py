"""Online and paper IU applications: REG-2..6, GEN-4, GEN-6, NFR-4."""

from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from audit.models import AuditRecord
from core import policy
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.workdays import local_today
from permissions.roles import Role
from registration import access, selectors, services
from registration.models import (
    DOCUMENT_UPLOAD_FIELDS,
    Application,
    ApplicationStatus,
    Channel,
    DocumentKind,
)
from registration.services import DuplicateIdentityDocument, application_submit
from tests.factories import (
    CASES,
    PDF_BYTES,
    CaseFactory,
    UserFactory,
    in_person_authentication,
    new_hkid,
    particulars,
    pdf,
    submit_application,
)
from tests.object_store import stored_names

# Emails leave on commit, so these tests commit for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.documents]
HK = ZoneInfo("Asia/Hong_Kong")


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
        ("id_document_number", "A1234567", "The check digit (in brackets) does not match"),
        ("id_document_number", "1234567", "Hong Kong Identity Card number in the form"),
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


def test_nfr_4_every_problem_of_the_form_is_shown_at_once(client):
    """A refused email address no longer hides the problems of the other parts."""
    response = _submit_page(
        client,
        email="chan@",
        phone="abc",
        id_document_number="A1234567",
        proof_of_involvement=None,
        **{"cases-0-case_number": "1234/2025", "cases-0-party_type": ""},
    )
    page = unescape(response.content.decode())
    for problem in (
        "Email address: Enter a valid email address.",
        "Telephone number: Enter a telephone number of at least 8 digits",
        "The check digit (in brackets) does not match",
        "Proof of involvement in the proceedings: This document is required.",
        "Court case number (row 1): Enter a case number such as DCPI 1234/2025.",
        "Your party type (row 1):",
    ):
        assert problem in page, problem
    assert not Application.objects.exists()


def test_nfr_4_oversized_upload_refused(client, monkeypatch):
    monkeypatch.setattr(policy, "UPLOAD_MAX_BYTES", 1024)
    big = pdf(content=b"%PDF-1.4\n" + b"0" * 2048)
    response = _submit_page(client, proof_of_involvement=big)
    assert "is larger than" in response.content.decode()
    assert not Application.objects.exists()


def test_nfr_4_missing_document_shown_on_the_form(client):
    response = _submit_page(client, proof_of_involvement=None)
    assert "Proof of involvement in the proceedings: This document is required." in (
        response.content.decode()
    )
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


def _paper_form() -> dict:
    """What a Help Centre officer types in from a paper application (without channel/date)."""
    return {
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


def test_gen_6_key_in_page_records_channel(client, help_centre_officer):
    client.force_login(help_centre_officer)
    data = {
        "channel": "POST",
        "received_on": local_today().isoformat(),
        **_paper_form(),
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
    response = _submit_page(
        client,
        eligibility="OTHER",
        eligibility_reason="Leave of the Court",
        **{"cases-0-party_type": "NOT_A_PARTY"},
    )
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
        **in_person_authentication(application),
    )
    application.refresh_from_db()
    cases = [(c.case_number, c.party_type) for c in application.account.application.cases.all()]
    assert cases == [("DCPI 1234/2025", "PLAINTIFF"), ("DCTC 88/2026", "DEFENDANT")]


# --- review fixes: cases as sent, eligibility, date received, filing period, files -----------


def _media_files() -> list:
    return stored_names()


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"case_number": 5, "party_type": "PLAINTIFF"}, "cases-0-case_number"),
        ({"case_number": ["DCPI 1234/2025"], "party_type": "PLAINTIFF"}, "cases-0-case_number"),
        ({"case_number": "DCPI 1234/2025", "party_type": 5}, "cases-0-party_type"),
        ({"case_number": "DCPI 1234/2025", "party_type": {"x": 1}}, "cases-0-party_type"),
        ("DCPI 1234/2025", "cases-0-case_number"),
    ],
)
def test_nfr_4_non_text_case_fields_get_a_field_error_and_save_nothing(case, field):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(cases=[case])
    assert field in exc.value.errors
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_nfr_4_case_error_lands_on_the_row_filled_in(client):
    """The first row left empty, the second filled in wrongly: the error is on the second."""
    response = _submit_page(
        client,
        **{
            "cases-0-case_number": "",
            "cases-0-party_type": "",
            "cases-1-case_number": "1234/2025",
            "cases-1-party_type": "PLAINTIFF",
        },
    )
    assert response.status_code == 200
    rows = response.context["formset"].forms
    assert "case number such as DCPI 1234/2025" in " ".join(rows[1].errors["case_number"])
    assert not rows[0].errors
    assert "Court case number (row 2)" in response.content.decode()
    assert not Application.objects.exists()


def test_nfr_4_more_than_ten_cases_refused():
    cases = [{"case_number": f"DCPI {n}/2025", "party_type": "PLAINTIFF"} for n in range(1, 12)]
    with pytest.raises(ValidationFailed) as exc:
        submit_application(cases=cases)
    assert "cases" in exc.value.errors
    assert not Application.objects.exists()


def test_reg_1_other_person_lists_cases_as_not_a_party():
    reason = {"eligibility": "OTHER", "eligibility_reason": "Leave of the Court."}
    with pytest.raises(ValidationFailed) as exc:
        submit_application(
            particulars=reason,
            cases=[
                {"case_number": "DCPI 77/2026", "party_type": "NOT_A_PARTY"},
                {"case_number": "DCPI 78/2026", "party_type": "PLAINTIFF"},
            ],
        )
    assert list(exc.value.errors) == ["cases-1-party_type"]
    assert "Not a party (reason given)" in str(exc.value.errors["cases-1-party_type"][0])
    assert not Application.objects.exists()
    application = submit_application(
        particulars=reason, cases=[{"case_number": "DCPI 77/2026", "party_type": "NOT_A_PARTY"}]
    )
    assert application.cases.get().party_type == "NOT_A_PARTY"


def test_reg_1_party_may_not_choose_not_a_party():
    with pytest.raises(ValidationFailed) as exc:
        submit_application(cases=[{"case_number": "DCPI 77/2026", "party_type": "NOT_A_PARTY"}])
    assert list(exc.value.errors) == ["cases-0-party_type"]
    assert "another person with good reason" in str(exc.value.errors["cases-0-party_type"][0])
    assert not Application.objects.exists()


def test_reg_1_party_type_error_shown_on_the_row(client):
    response = _submit_page(
        client,
        eligibility="OTHER",
        eligibility_reason="Leave of the Court",
        **{"cases-1-case_number": "DCPI 78/2026", "cases-1-party_type": "NOT_A_PARTY"},
    )
    assert response.status_code == 200
    rows = response.context["formset"].forms
    assert rows[0].errors["party_type"]  # PLAINTIFF, but not a party
    assert not rows[1].errors
    assert not Application.objects.exists()


def _key_in(officer, **overrides):
    return submit_application(
        channel=Channel.POST,
        actor=officer,
        documents=[
            (DocumentKind.PROOF_OF_INVOLVEMENT, pdf()),
            (DocumentKind.SCANNED_APPLICATION_FORM, pdf("scan.pdf")),
        ],
        **overrides,
    )


def test_gen_6_reg_8_paper_application_due_three_working_days_after_it_was_received(
    help_centre_officer,
):
    # Posted, received on Friday 20 November, keyed in on Wednesday 25 November.
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=HK)):
        application = _key_in(help_centre_officer, received_on=date(2026, 11, 20))
    assert application.received_on == date(2026, 11, 20)
    assert application.due_date == date(2026, 11, 25)  # not 30 November
    assert application.submitted_at.date() == date(2026, 11, 25)


def test_gen_6_paper_application_needs_date_received_not_in_the_future(help_centre_officer):
    for received_on in (None, local_today() + timedelta(days=1)):
        with pytest.raises(ValidationFailed) as exc:
            _key_in(help_centre_officer, received_on=received_on)
        assert list(exc.value.errors) == ["received_on"]
    assert not Application.objects.exists()


def test_gen_6_online_application_received_on_the_submission_date_in_hong_kong():
    # 23:30 UTC on Friday is Saturday 07:30 in Hong Kong.
    with time_machine.travel(datetime(2026, 11, 27, 23, 30, tzinfo=ZoneInfo("UTC"))):
        application = submit_application(received_on=date(2026, 1, 1))  # not the applicant's say
    assert application.received_on == date(2026, 11, 28)
    assert application.due_date == date(2026, 12, 2)


def test_gen_6_key_in_page_asks_for_the_date_received(client, help_centre_officer):
    client.force_login(help_centre_officer)
    page = client.get(reverse("backoffice:key_in_application")).content.decode()
    assert 'name="received_on"' in page and "Date received" in page
    data = {
        "channel": "HAND",
        **_paper_form(),
    }
    url = reverse("backoffice:key_in_application")
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["received_on"]
    tomorrow = local_today() + timedelta(days=1)
    data.update(scanned_application_form=pdf("scan.pdf"), proof_of_involvement=pdf())
    response = client.post(url, {**data, "received_on": tomorrow.isoformat()})
    assert "cannot be in the future" in response.content.decode()
    assert not Application.objects.exists()
    yesterday = local_today() - timedelta(days=1)
    data.update(scanned_application_form=pdf("scan.pdf"), proof_of_involvement=pdf())
    response = client.post(url, {**data, "received_on": yesterday.isoformat()})
    assert response.status_code == 302
    assert Application.objects.get().received_on == yesterday


def _authenticate(application, vetting_officer, help_centre_officer):
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    mail.outbox.clear()
    services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        **in_person_authentication(application),
    )
    application.refresh_from_db()
    (email,) = mail.outbox
    return email


def test_reg_3_prospective_litigant_activation_email_states_the_filing_deadline(
    vetting_officer, help_centre_officer
):
    application = submit_application(
        cases=[],
        prospective_litigant=True,
        documents=[(DocumentKind.DRAFT_ORIGINATING_DOCUMENT, pdf("draft-writ.pdf"))],
    )
    # 20:00 UTC on 1 December is already 2 December in Hong Kong.
    with time_machine.travel(datetime(2026, 12, 1, 20, 0, tzinfo=ZoneInfo("UTC"))):
        email = _authenticate(application, vetting_officer, help_centre_officer)
    assert application.filing_deadline == date(2027, 3, 2)  # 90 days
    assert application.account.filing_deadline == date(2027, 3, 2)  # for a later reissue
    with translation.override("en"):
        deadline = date_format(date(2027, 3, 2), "DATE_FORMAT")
    assert f"filing an e-proceeding by {deadline}" in email.body
    assert "terminated without prior notice" in email.body
    record = AuditRecord.objects.get(action="application.identity_authenticated")
    assert record.after["filing_deadline"] == "2027-03-02"


def test_reg_3_a_prospective_litigants_account_page_states_the_date_to_file_by(client):
    user = UserFactory(filing_deadline=local_today() + timedelta(days=30))
    client.force_login(user)
    with translation.override("en"):
        deadline = date_format(user.filing_deadline, "DATE_FORMAT")
    page = client.get("/account/").content.decode()
    assert f"filing an e-proceeding by {deadline}" in page
    user.filing_deadline = local_today() - timedelta(days=1)
    user.save()
    assert "filing an e-proceeding by" not in client.get("/account/").content.decode()


def test_reg_3_ordinary_activation_email_states_no_filing_deadline(
    vetting_officer, help_centre_officer
):
    application = submit_application()
    email = _authenticate(application, vetting_officer, help_centre_officer)
    assert application.filing_deadline is None
    assert "e-proceeding by" not in email.body
    assert "terminated" not in email.body


def test_nfr_4_files_written_by_a_failed_submission_or_supplement_are_removed():
    """Submission and supplement store their files inside atomic_with_files: a rollback
    forgets the rows and, with this, the files too; a commit keeps both."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from registration.services.common import atomic_with_files

    with pytest.raises(RuntimeError), atomic_with_files() as written:
        name = default_storage.save("applications/TEST/a.pdf", ContentFile(PDF_BYTES))
        written.append((default_storage, name))
        assert len(_media_files()) == 1
        raise RuntimeError("a later step failed")
    assert _media_files() == []
    with atomic_with_files() as written:
        name = default_storage.save("applications/TEST/b.pdf", ContentFile(PDF_BYTES))
        written.append((default_storage, name))
    assert len(_media_files()) == 1


def test_nfr_4_refused_submission_leaves_no_file_behind():
    hkid = new_hkid()
    submit_application(particulars={"id_document_number": hkid})
    with pytest.raises(DuplicateIdentityDocument):
        submit_application(particulars={"id_document_number": hkid})
    assert len(_media_files()) == 1


def test_reg_4_one_mapping_of_document_kinds_to_upload_fields():
    """The page and the API name each kind of document's upload field the same way."""
    from registration.api import ApplicationInput, SupplementInput
    from registration.forms import ApplicationForm, SupplementForm
    from registration.staff_api import PaperApplicationInput

    assert set(DOCUMENT_UPLOAD_FIELDS) == set(DocumentKind)
    page_fields = (set(ApplicationForm(paper=True).fields) | set(SupplementForm().fields)) & set(
        DOCUMENT_UPLOAD_FIELDS.values()
    )
    api_fields = (set(PaperApplicationInput().fields) | set(SupplementInput().fields)) & set(
        DOCUMENT_UPLOAD_FIELDS.values()
    )
    pa_only = {"authorization_letter", "organization_status_proof"}
    assert page_fields == api_fields == set(DOCUMENT_UPLOAD_FIELDS.values()) - pa_only
    assert "scanned_application_form" not in ApplicationInput().fields


def test_reg_8_access_token_lasts_120_days():
    application = submit_application()
    token = services.application_access_token(application)
    assert access.access_token_read(token) == application.pk
    assert selectors.application_from_access_token(token) == application
    with time_machine.travel(timezone.now() + timedelta(days=120, minutes=1)):
        with pytest.raises(NotFound):
            selectors.application_from_access_token(token)
    assert access.access_token_read(token + "x") is None


def test_nfr_4_form_with_a_problem_keeps_the_files_instead_of_asking_for_them_again(client):
    response = _submit_page(client, phone="call me")
    page = response.content.decode()
    assert "Kept from your last sending: proof.pdf" in page
    assert "attach your documents again" not in page
    first_visit = client.get(reverse("registration:apply")).content.decode()
    assert "Kept from your last sending" not in first_visit


# --- what a new user tripped over --------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (
            "A123456(4)",  # A123456's check digit is 3
            "The check digit (in brackets) does not match the rest of the Hong Kong Identity "
            "Card number. Check the number against the card.",
        ),
        (
            "A12345(3)",  # a digit short
            "Enter a Hong Kong Identity Card number in the form A123456(3): one or two letters, "
            "six digits and the check digit.",
        ),
        (
            "123456(3)",  # no letter
            "Enter a Hong Kong Identity Card number in the form A123456(3): one or two letters, "
            "six digits and the check digit.",
        ),
    ],
)
def test_reg_5_wrong_hkid_check_digit_is_told_apart_from_a_malformed_number(number, message):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(particulars={"id_document_number": number})
    assert [str(m) for m in exc.value.errors["id_document_number"]] == [message]


def test_gen_6_key_in_form_speaks_to_the_officer_and_online_form_to_the_applicant(
    client, help_centre_officer
):
    online = unescape(client.get(reverse("registration:apply")).content.decode())
    client.force_login(help_centre_officer)
    paper = unescape(client.get(reverse("backoffice:key_in_application")).content.decode())
    for_the_applicant = [
        "Your particulars",
        "Your court cases",
        "Use your own email address",
        "Who are you in the proceedings?",
        "Your party type",
        "I have no court case yet",
    ]
    for_the_officer = [
        "The applicant's particulars",
        "The applicant's court cases",
        "Enter the applicant's own email address as given on the paper form.",
        "Who is the applicant in the proceedings?",
        "The applicant's party type",
        "The applicant has no court case yet",
    ]
    for text in for_the_applicant:
        assert text in online and text not in paper, text
    for text in for_the_officer:
        assert text in paper and text not in online, text


def test_gen_6_key_in_errors_are_worded_for_the_officer(help_centre_officer):
    with pytest.raises(ValidationFailed) as exc:
        _key_in(
            help_centre_officer,
            particulars={"surname": "", "email": "", "eligibility": "OTHER"},
            cases=[{"case_number": "DCPI 77/2026", "party_type": ""}],
        )
    errors = {field: [str(m) for m in messages] for field, messages in exc.value.errors.items()}
    assert errors["surname"] == ["Enter the applicant's surname."]
    assert errors["email"] == ["Enter the applicant's email address."]
    assert errors["eligibility_reason"] == [
        "Enter the applicant's reason for registering although not a party."
    ]
    assert errors["cases-0-party_type"] == ["Choose the applicant's party type in this case."]
    # Online, the same rules speak to the applicant.
    with pytest.raises(ValidationFailed) as exc:
        submit_application(
            particulars={"surname": "", "email": "", "eligibility": "OTHER"},
            cases=[{"case_number": "DCPI 77/2026", "party_type": ""}],
        )
    errors = {field: [str(m) for m in messages] for field, messages in exc.value.errors.items()}
    assert errors["surname"] == ["Enter your surname."]
    assert errors["email"] == ["Enter your email address."]
    assert errors["eligibility_reason"] == [
        "Explain why you should be registered although you are not a party."
    ]
    assert errors["cases-0-party_type"] == ["Choose your party type in this case."]


def test_gen_6_key_in_page_shows_errors_worded_for_the_officer(client, help_centre_officer):
    client.force_login(help_centre_officer)
    data = {
        "channel": "POST",
        "received_on": local_today().isoformat(),
        **_paper_form(),
        "eligibility": "OTHER",
        "cases-0-party_type": "NOT_A_PARTY",
    }
    response = client.post(reverse("backoffice:key_in_application"), data)
    page = unescape(response.content.decode())
    assert "Enter the applicant's reason for registering although not a party." in page
    assert "Kept from your last sending: scan.pdf" in page
    assert "Explain why you should be registered" not in page


def test_reg_2_confirmation_page_summarises_what_was_sent_and_what_happens_next(client):
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=HK)):  # Friday
        response = _submit_page(
            client,
            id_document_number="A123456(3)",
            proof_of_involvement=pdf("writ-of-summons.pdf"),
        )
        page = unescape(client.get(response["Location"]).content.decode())
    summary = page.split("What you sent")[1].split("What happens next")[0]
    for sent in [
        "Chan",
        "Tai Man",
        "Hong Kong Identity Card A123456(3)",
        "Flat A, 10/F, 1 Queen's Road Central",
        "(852) 2477-1002",
        "chan@example.com",
        "DCPI 1234/2025 (Plaintiff)",
        "writ-of-summons.pdf (Proof of involvement",
    ]:
        assert sent in summary, sent
    next_steps = page.split("What happens next")[1]
    assert "checks your application by 25 Nov 2026 (three working days)" in next_steps
    assert "authenticate your identity within 30 calendar days" in next_steps
    # Printing needs script (the policy forbids it inline): a file of our own, and the
    # button stays hidden where script does not run.
    assert '<button type="button" class="button secondary" data-print hidden>' in page
    assert '<script src="/static/js/print.js" defer></script>' in page
    # Later visits through the emailed link show where the application stands, not all of it.
    later = unescape(client.get(response["Location"]).content.decode())
    assert "What you sent" not in later and "A1234563" not in later
    assert "print.js" not in later


# --- REG-5 across Unicode: one document however its letters are typed -----------------------


def test_reg_5_fullwidth_and_kelvin_sign_passport_is_the_same_document():
    submit_application(
        particulars={"id_document_type": "PASSPORT", "id_document_number": "KJ0412345"}
    )
    for typed in ("ＫＪ０４１２３４５", "\u212aJ0412345", "kj 0412345"):
        with pytest.raises(DuplicateIdentityDocument):
            submit_application(
                particulars={"id_document_type": "PASSPORT", "id_document_number": typed}
            )
    assert list(Application.objects.values_list("id_document_number", flat=True)) == ["KJ0412345"]


def test_reg_5_fullwidth_hkid_with_fullwidth_brackets_is_stored_in_ascii():
    application = submit_application(particulars={"id_document_number": "Ａ１２３４５６（３）"})
    assert application.id_document_number == "A1234563"


@pytest.mark.parametrize("document_type", ["HKID", "PASSPORT", "OTHER"])
@pytest.mark.parametrize(
    "typed",
    [
        "A12345\u0661\u0662",  # Arabic-Indic digits: digits, but not 0 to 9
        "\u0410123456",  # Cyrillic A, which looks like A
        "\u0131K123456",  # dotless i, which upper-cases to I
        "A123456#3",
        "A123\u200b4563",
    ],
)
def test_reg_5_document_number_with_other_characters_is_refused_clearly(document_type, typed):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(
            particulars={"id_document_type": document_type, "id_document_number": typed}
        )
    assert [str(m) for m in exc.value.errors["id_document_number"]] == [
        "Enter the identification document number with the letters A to Z and the digits "
        "0 to 9 only, as printed on the document."
    ]


def test_reg_5_identity_authentication_takes_the_document_in_fullwidth_letters(
    vetting_officer, help_centre_officer
):
    application = submit_application(particulars={"id_document_number": "K1234560"})
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        counter="HELP_CENTRE",
        mode="IN_PERSON",
        presented_document_type="HKID",
        presented_document_number="\u212a１２３４５６（０）",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.identity_authentication.presented_document_number == "K1234560"


def test_reg_5_identity_authentication_refuses_a_number_with_other_characters(
    vetting_officer, help_centre_officer
):
    application = submit_application(particulars={"id_document_number": "K1234560"})
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    with pytest.raises(ValidationFailed) as exc:
        services.identity_authentication_record(
            actor=help_centre_officer,
            application_id=application.pk,
            counter="HELP_CENTRE",
            mode="IN_PERSON",
            presented_document_type="HKID",
            presented_document_number="\u041a1234569",  # Cyrillic Ka
        )
    assert [str(m) for m in exc.value.errors["presented_document_number"]] == [
        "Enter the identification document number with the letters A to Z and the digits "
        "0 to 9 only, as printed on the document."
    ]


@pytest.mark.parametrize("field", ["surname", "given_name", "address"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "Chan\u202eTai",
            "Remove the text-direction control characters; type the text as it reads.",
        ),
        (
            "Chan\u2066Tai\u2069",
            "Remove the text-direction control characters; type the text as it reads.",
        ),
        ("Chan\x1bTai", "Remove the control characters; type the text as it reads."),
        ("Chan\x00Tai", "Remove the control characters; type the text as it reads."),
    ],
)
def test_reg_names_and_addresses_refuse_control_and_direction_characters(field, value, message):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(particulars={field: value})
    assert [str(m) for m in exc.value.errors[field]] == [message]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("surname", "Enter your surname."),
        ("given_name", "Enter your given name."),
        ("address", "Enter your address."),
    ],
)
def test_reg_zero_width_only_name_or_address_is_empty(field, message):
    with pytest.raises(ValidationFailed) as exc:
        submit_application(particulars={field: "\u200b\u200d \ufeff"})
    assert [str(m) for m in exc.value.errors[field]] == [message]


def test_reg_address_keeps_its_lines():
    application = submit_application(particulars={"address": "Flat A, 10/F\r\n1 Queen's Road"})
    assert application.address == "Flat A, 10/F\r\n1 Queen's Road"


def test_reg_2_the_confirmation_says_again_which_listed_cases_cannot_be_linked_now(client):
    known = CaseFactory()
    response = _submit_page(
        client,
        **{
            "cases-0-case_number": "DCPI 9999/2025",  # not in the court's records
            "cases-1-case_number": known.number,
            "cases-1-party_type": "PLAINTIFF",
        },
    )
    page = unescape(client.get(response["Location"]).content.decode())
    notice = page.split('id="cases-not-linkable"')[1].split("</div>")[0]
    assert "Please check the cases you listed." in notice
    assert "DCPI 9999/2025" in notice and known.number not in notice
    assert "You need not apply again" in notice
    later = client.get(response["Location"]).content.decode()
    assert 'id="cases-not-linkable"' not in later
    linkable = _submit_page(
        client,
        email="lee@example.com",
        **{"cases-0-case_number": known.number, "cases-0-party_type": "DEFENDANT"},
    )
    assert 'id="cases-not-linkable"' not in client.get(linkable["Location"]).content.decode()
