"""Identity authentication at a counter and its 30-day limit: IDA-1..4, AUTH-1."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AccountStatus
from core.errors import InvalidTransition, NotPermitted, ValidationFailed
from permissions.roles import Role
from registration import services
from registration.models import ApplicationStatus, RejectionKind
from registration.templatetags.registration_tags import masked_document_number
from tests.factories import COUNTER_TOWNS, in_person_authentication, submit_application

pytestmark = pytest.mark.django_db(transaction=True)
HK = ZoneInfo("Asia/Hong_Kong")


def _in_order(vetting_officer, when=datetime(2026, 11, 2, 10, 0, tzinfo=HK), **kwargs):
    with time_machine.travel(when):
        application = submit_application(**kwargs)
        services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    application.refresh_from_db()
    mail.outbox.clear()
    return application


def _authenticate(officer, application, **overrides):
    values = {
        "counter": "KWUN_TONG",
        "mode": "IN_PERSON",
        "presented_document_type": application.id_document_type,
        "presented_document_number": application.id_document_number,
    }
    values.update(overrides)
    return services.identity_authentication_record(
        actor=officer, application_id=application.pk, **values
    )


def test_ida_2_in_person_authentication_opens_account_and_ida_4_emails_login_name_and_code(
    vetting_officer, help_centre_officer
):
    application = _in_order(vetting_officer)
    with time_machine.travel(datetime(2026, 11, 10, 10, 0, tzinfo=HK)):
        _authenticate(help_centre_officer, application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    account = application.account
    assert account.role == Role.IU
    assert account.status == AccountStatus.PENDING_ACTIVATION
    assert (account.surname, account.phone, account.id_document_number) == (
        application.surname,
        application.phone,
        application.id_document_number,
    )
    assert application.identity_authentication.counter == "KWUN_TONG"
    (email,) = mail.outbox
    assert email.to == [application.email]
    assert account.login_name in email.body
    assert re.search(r"Activation code: [A-Z0-9]{5}(-[A-Z0-9]{5}){5}", email.body)


def test_auth_1_login_names_are_system_generated_and_unique(vetting_officer, help_centre_officer):
    names = set()
    for _ in range(3):
        application = _in_order(vetting_officer)
        _authenticate(help_centre_officer, application)
        application.refresh_from_db()
        names.add(application.account.login_name)
    assert len(names) == 3
    assert all(re.fullmatch(r"iu\d{8}", n) for n in names)


def test_ida_2_presented_document_must_match_the_application(vetting_officer, help_centre_officer):
    application = _in_order(vetting_officer)
    with pytest.raises(services.IdentityDocumentMismatch):
        _authenticate(help_centre_officer, application, presented_document_number="A1234563")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert application.account is None
    assert mail.outbox == []


def test_ida_2_representative_needs_letter_copy_and_own_document(
    vetting_officer, help_centre_officer
):
    application = _in_order(vetting_officer)
    with pytest.raises(ValidationFailed) as exc:
        _authenticate(help_centre_officer, application, mode="REPRESENTATIVE")
    assert {
        "representative_name",
        "representative_document_number",
        "authorization_letter_seen",
        "applicant_document_copy_seen",
    } <= set(exc.value.errors)
    _authenticate(
        help_centre_officer,
        application,
        mode="REPRESENTATIVE",
        representative_name="Chan Siu Ming",
        representative_document_type="HKID",
        representative_document_number="G123456(A)",
        authorization_letter_seen=True,
        applicant_document_copy_seen=True,
    )
    application.refresh_from_db()
    assert application.identity_authentication.representative_document_number == "G123456A"
    assert application.status == ApplicationStatus.APPROVED


def test_ida_2_the_application_page_shows_how_identity_was_authenticated(
    client, vetting_officer, help_centre_officer
):
    application = _in_order(vetting_officer)
    _authenticate(
        help_centre_officer,
        application,
        mode="REPRESENTATIVE",
        representative_name="Lee Tai Ming",
        representative_document_type="HKID",
        representative_document_number="G123456(A)",
        authorization_letter_seen=True,
        applicant_document_copy_seen=True,
    )
    client.force_login(vetting_officer)
    page = client.get(f"/backoffice/applications/{application.pk}/").content.decode()
    section = page.split('id="identity-authentication"')[1].split("</dl>")[0]
    assert "By an authorized representative" in section
    assert "Lee Tai Ming" in section and "G123456A" in section
    assert help_centre_officer.login_name in section


def test_ida_2_the_record_page_leads_back_to_the_list_in_both_languages(
    client, vetting_officer, help_centre_officer
):
    application = _in_order(vetting_officer)
    client.force_login(help_centre_officer)
    page = client.get(f"/backoffice/authentication/{application.pk}/").text
    assert '<a href="/backoffice/authentication/">Back to identity authentication</a>' in page
    chinese = client.get(f"/zh-hant/backoffice/authentication/{application.pk}/").text
    assert '<a href="/zh-hant/backoffice/authentication/">返回身分認證</a>' in chinese
    # The application's own page says how identity was authenticated in Chinese too.
    _authenticate(help_centre_officer, application)
    client.force_login(vetting_officer)
    record = client.get(f"/zh-hant/backoffice/applications/{application.pk}/").text
    assert "<dt>方式</dt>" in record.split('id="identity-authentication"')[1]


def test_ida_2_the_representatives_document_is_not_the_applicants_own(
    vetting_officer, help_centre_officer
):
    application = _in_order(vetting_officer)
    with pytest.raises(ValidationFailed) as exc:
        _authenticate(
            help_centre_officer,
            application,
            mode="REPRESENTATIVE",
            representative_name="Chan Siu Ming",
            representative_document_type="HKID",
            representative_document_number=application.id_document_number.lower(),
            authorization_letter_seen=True,
            applicant_document_copy_seen=True,
        )
    assert "applicant's own document" in str(exc.value.errors["representative_document_number"])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert mail.outbox == []


def test_ida_2_only_help_centre_records_authentication(vetting_officer):
    application = _in_order(vetting_officer)
    with pytest.raises(NotPermitted):
        _authenticate(vetting_officer, application)


def test_ida_3_day_30_still_open_and_job_leaves_it(vetting_officer, help_centre_officer):
    application = _in_order(vetting_officer)  # notified 2 November
    assert str(application.authentication_due) == "2026-12-02"
    with time_machine.travel(datetime(2026, 12, 2, 23, 0, tzinfo=HK)):  # day 30
        assert services.applications_expire_unauthenticated() == 0
        _authenticate(help_centre_officer, application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_ida_3_day_31_job_rejects_and_tells_applicant(vetting_officer):
    application = _in_order(vetting_officer)
    with time_machine.travel(datetime(2026, 12, 3, 0, 5, tzinfo=HK)):  # day 31
        call_command("expire_unauthenticated_applications", stdout=open("/dev/null", "w"))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.rejection_kind == RejectionKind.NOT_AUTHENTICATED
    (email,) = mail.outbox
    assert "30 calendar days" in email.body


def test_ida_3_counter_refuses_after_day_30(vetting_officer, help_centre_officer):
    application = _in_order(vetting_officer)
    with (
        time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=HK)),
        pytest.raises(InvalidTransition),
    ):
        _authenticate(help_centre_officer, application)


def test_ida_3_job_runs_twice_harmlessly(vetting_officer):
    _in_order(vetting_officer)
    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=HK)):
        assert services.applications_expire_unauthenticated() == 1
        assert services.applications_expire_unauthenticated() == 0
    assert len(mail.outbox) == 1


def test_ida_2_counter_page(client, vetting_officer, help_centre_officer):
    application = _in_order(vetting_officer)
    client.force_login(help_centre_officer)
    queue = client.get(reverse("backoffice:authentication_queue"), {"q": application.reference})
    assert application.reference in queue.content.decode()
    url = reverse("backoffice:record_authentication", args=[application.pk])
    wrong = client.post(
        url,
        {
            "counter": "SHATIN",
            "mode": "IN_PERSON",
            "presented_document_type": "HKID",
            "presented_document_number": "A1234563",
        },
    )
    assert "not the one given in the application" in wrong.content.decode()
    client.post(
        url,
        {
            "counter": "SHATIN",
            "mode": "IN_PERSON",
            "presented_document_type": "HKID",
            "presented_document_number": application.id_document_number,
        },
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_ida_2_queue_search_answers_htmx_with_the_results_alone(
    client, vetting_officer, help_centre_officer
):
    wanted = _in_order(vetting_officer)
    other = _in_order(vetting_officer)
    client.force_login(help_centre_officer)
    url = reverse("backoffice:authentication_queue")
    fragment = client.get(url, {"q": wanted.id_document_number}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body and "<table>" in body
    assert wanted.reference in body and other.reference not in body
    assert "1 application found" in body
    full = client.get(url, {"q": wanted.reference}).content.decode()
    assert "<html" in full and wanted.reference in full and other.reference not in full


def test_ida_1_status_page_lists_the_eight_counters_while_awaiting(client, vetting_officer):
    from registration.access import access_token_make

    application = _in_order(vetting_officer)
    url = reverse("registration:status", kwargs={"token": access_token_make(application.pk)})
    page = client.get(url).content.decode()
    assert "Where to authenticate your identity" in page
    for office in COUNTER_TOWNS:
        assert office in page


def test_ida_2_counter_form_remembers_the_officers_counter(
    client, vetting_officer, help_centre_officer
):
    first = _in_order(vetting_officer)
    second = _in_order(vetting_officer)
    client.force_login(help_centre_officer)
    url = reverse("backoffice:record_authentication", args=[first.pk])
    assert '<option value="SHATIN" selected>' not in client.get(url).content.decode()
    client.post(url, {**in_person_authentication(first), "counter": "SHATIN"})
    first.refresh_from_db()
    assert first.status == ApplicationStatus.APPROVED
    page = client.get(reverse("backoffice:record_authentication", args=[second.pk]))
    assert '<option value="SHATIN" selected>' in page.content.decode()


def test_ida_2_queue_masks_document_numbers_and_still_finds_them(
    client, vetting_officer, help_centre_officer
):
    application = submit_application(particulars={"id_document_number": "A123456(3)"})
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    client.force_login(help_centre_officer)
    url = reverse("backoffice:authentication_queue")
    for search in ({}, {"q": "A123456(3)"}, {"q": "a1234563"}):
        page = client.get(url, search).content.decode()
        assert application.reference in page, search
        assert "Hong Kong Identity Card A*****6(3)" in page
        assert "A1234563" not in page and "A123456(3)" not in page.split("</form>")[1]


def test_ida_2_masked_document_numbers():
    assert masked_document_number("A1234563", "HKID") == "A*****6(3)"
    assert masked_document_number("XA123456A", "HKID") == "XA*****6(A)"
    assert masked_document_number("K12345678", "PASSPORT") == "K******78"
    assert masked_document_number("E1234", "OTHER") == "E**34"
    assert masked_document_number("123", "OTHER") == "***"


def test_ida_2_overlong_names_and_numbers_are_refused_and_nothing_changes(
    vetting_officer, help_centre_officer
):
    """A representative's name over 200 characters, a document number over 40: refused with
    the limit named, the application still awaiting authentication (before, 5,000 characters
    were stored, and on PostgreSQL the write failed with a server error)."""
    application = _in_order(vetting_officer)
    with pytest.raises(ValidationFailed) as exc:
        _authenticate(
            help_centre_officer,
            application,
            mode="REPRESENTATIVE",
            representative_name="R" * 201,
            representative_document_type="HKID",
            representative_document_number="B" * 41,
            authorization_letter_seen=True,
            applicant_document_copy_seen=True,
        )
    assert exc.value.errors["representative_name"] == ["At most 200 characters."]
    assert exc.value.errors["representative_document_number"] == ["At most 40 characters."]
    # In person too: what is sent is kept, so it is bounded whatever the mode.
    with pytest.raises(ValidationFailed) as exc:
        _authenticate(help_centre_officer, application, representative_name="R" * 201)
    assert exc.value.errors["representative_name"] == ["At most 200 characters."]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert application.account is None


def test_ida_2_the_counter_page_of_an_application_not_awaiting_authentication_has_no_form(
    client, vetting_officer, help_centre_officer
):
    """An officer who opens the page of an application already authenticated (at another
    counter), not yet vetted or ended learns so at once, in either language, and is not given
    the form to fill in with the applicant at the counter only to be refused."""
    done = _in_order(vetting_officer)
    _authenticate(help_centre_officer, done)
    waiting_for_vetting = submit_application()
    client.force_login(help_centre_officer)
    for application, status in (
        (done, "Authenticated: account issued"),
        (waiting_for_vetting, "Awaiting vetting"),
    ):
        url = f"/backoffice/authentication/{application.pk}/"
        page = client.get(url).text
        assert "This application is not awaiting identity authentication" in page
        assert status in page
        assert 'name="counter"' not in page and "Authenticate by" not in page
        assert '<a href="/backoffice/authentication/">Back to identity authentication</a>' in page
    chinese = client.get(f"/zh-hant/backoffice/authentication/{done.pk}/").text
    assert "此申請並非正在等候身分認證" in chinese and 'name="counter"' not in chinese
    # A form sent from a page opened before: refused, nothing changes.
    answer = client.post(
        f"/backoffice/authentication/{waiting_for_vetting.pk}/",
        {
            "counter": "SHATIN",
            "mode": "IN_PERSON",
            "presented_document_type": "HKID",
            "presented_document_number": waiting_for_vetting.id_document_number,
        },
    )
    assert "This application is not awaiting identity authentication" in answer.text
    waiting_for_vetting.refresh_from_db()
    assert waiting_for_vetting.status == ApplicationStatus.SUBMITTED
    # One awaiting it still has its form and its date.
    awaiting = _in_order(vetting_officer)
    page = client.get(f"/backoffice/authentication/{awaiting.pk}/").text
    assert 'name="counter"' in page and "Authenticate by" in page
