"""Vetting: REG-8 queue, due dates and results; the transitions are audited (OPS-2)."""

import logging
from datetime import date, datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from audit.models import AuditRecord
from core import policy
from core.errors import InvalidTransition, NotPermitted, ValidationFailed
from registration import selectors, services
from registration.models import ApplicationStatus
from tests.factories import COUNTER_TOWNS, CaseFactory, CaseLinkFactory, submit_application

pytestmark = pytest.mark.django_db(transaction=True)
HK = ZoneInfo("Asia/Hong_Kong")


def test_reg_8_due_date_skips_weekend():
    with time_machine.travel(datetime(2026, 11, 27, 16, 0, tzinfo=HK)):  # Friday
        application = submit_application()
    assert application.due_date == date(2026, 12, 2)  # Wednesday


def test_reg_8_due_date_skips_hong_kong_general_holidays():
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=HK)):  # Thursday before Easter
        application = submit_application()
    assert application.due_date == date(2026, 4, 10)


def test_reg_8_due_date_counts_in_hong_kong_time():
    # 23:30 UTC on Friday is already Saturday 07:30 in Hong Kong.
    with time_machine.travel(datetime(2026, 11, 27, 23, 30, tzinfo=ZoneInfo("UTC"))):
        application = submit_application()
    assert application.due_date == date(2026, 12, 2)


def test_reg_8_queue_is_ordered_by_due_date_and_shows_it(client, vetting_officer):
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=HK)):
        later = submit_application(particulars={"surname": "Later"})
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=HK)):
        earlier = submit_application(particulars={"surname": "Earlier"})
    assert list(selectors.vetting_queue(actor=vetting_officer)) == [earlier, later]
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=HK)):
        client.force_login(vetting_officer)
        page = client.get(reverse("backoffice:vetting_queue")).content.decode()
    assert page.index(earlier.reference) < page.index(later.reference)
    assert "Overdue" in page  # earlier was due on 25 November


def test_reg_8_request_information_then_supplement_returns_to_queue(vetting_officer):
    application = submit_application()
    mail.outbox.clear()
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message="Please send the writ."
    )
    (email,) = mail.outbox
    assert "Please send the writ." in email.body
    assert "/apply/status/" in email.body
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    assert application not in selectors.vetting_queue(actor=vetting_officer)

    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=HK)):  # Friday
        services.application_supplement(
            application_id=application.pk, answer="Writ attached.", documents=[]
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.due_date == date(2026, 12, 9)
    assert application.information_requests.get().answer == "Writ attached."


def test_reg_8_supplement_page_through_emailed_link(client, vetting_officer):
    application = submit_application()
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message="Which court?"
    )
    url = reverse(
        "registration:status", kwargs={"token": services.application_access_token(application)}
    )
    assert "Which court?" in client.get(url).content.decode()
    response = client.post(url, {"answer": "District Court"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_reg_8_tampered_status_link_is_not_found(client):
    application = submit_application()
    token = services.application_access_token(application)
    response = client.get(reverse("registration:status", kwargs={"token": token[:-2] + "xx"}))
    assert response.status_code == 404


def test_reg_8_in_order_emails_authentication_invitation(vetting_officer):
    application = submit_application()
    mail.outbox.clear()
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=HK)):
        services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert application.authentication_due == date(2026, 12, 25)
    (email,) = mail.outbox
    assert "authenticate" in email.subject.lower()
    # IDA-1: the Help Centre and the seven Magistrates' Courts general offices.
    for office in COUNTER_TOWNS:
        assert office in email.body


def test_reg_8_reject_with_reasons_emails_them(vetting_officer):
    application = submit_application()
    mail.outbox.clear()
    services.application_reject(
        actor=vetting_officer, application_id=application.pk, reasons="No proof of involvement."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.rejection_reasons == "No proof of involvement."
    (email,) = mail.outbox
    assert "No proof of involvement." in email.body


def test_reg_8_reject_needs_reasons(vetting_officer):
    application = submit_application()
    with pytest.raises(ValidationFailed):
        services.application_reject(
            actor=vetting_officer, application_id=application.pk, reasons=" "
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_reg_8_results_only_from_the_right_state(vetting_officer):
    application = submit_application()
    services.application_reject(actor=vetting_officer, application_id=application.pk, reasons="x")
    with pytest.raises(InvalidTransition):
        services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)


def test_ops_1_only_vetting_officers_vet(help_centre_officer, iu_holder):
    application = submit_application()
    for actor in (help_centre_officer, iu_holder):
        with pytest.raises(NotPermitted):
            services.application_mark_in_order(actor=actor, application_id=application.pk)


def test_ops_2_each_vetting_result_is_audited_with_before_and_after(vetting_officer):
    application = submit_application()
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    record = AuditRecord.objects.get(action="application.marked_in_order")
    assert record.actor == vetting_officer
    assert record.object_id == str(application.pk)
    assert record.before == {"status": "SUBMITTED"}
    assert record.after["status"] == "AWAITING_AUTHENTICATION"


def test_reg_8_vetting_pages(client, vetting_officer):
    application = submit_application()
    client.force_login(vetting_officer)
    detail = reverse("backoffice:application_detail", args=[application.pk])
    assert application.reference in client.get(detail).content.decode()
    response = client.post(reverse("backoffice:reject", args=[application.pk]), {"reasons": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED  # refused: no reasons
    client.post(reverse("backoffice:mark_in_order", args=[application.pk]), {"confirm": "yes"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION


def test_reg_8_a_refused_result_says_which_field_to_fill_in(client, vetting_officer):
    application = submit_application()
    client.force_login(vetting_officer)
    reject = reverse("backoffice:reject", args=[application.pk])
    page = client.post(reject, {"reasons": "   "}, follow=True).text
    assert "Reasons for rejection: This field is required." in page
    ask = reverse("backoffice:request_information", args=[application.pk])
    chinese = client.post("/zh-hant" + ask, {"message": ""}, follow=True).text
    assert "所需資料：" in chinese
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_reg_8_an_applications_page_leads_back_to_the_officers_queue(
    client, vetting_officer, help_centre_officer
):
    application = submit_application()
    detail = reverse("backoffice:application_detail", args=[application.pk])
    client.force_login(vetting_officer)
    assert f'<a href="{reverse("backoffice:vetting_queue")}">' in client.get(detail).text
    client.force_login(help_centre_officer)
    assert f'<a href="{reverse("backoffice:authentication_queue")}">' in client.get(detail).text


def _ask(vetting_officer, application, message="Please send the writ."):
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message=message
    )


def test_reg_8_applications_waiting_for_the_applicant_are_listed(client, vetting_officer):
    waiting = submit_application(particulars={"surname": "Waiting"})
    to_vet = submit_application(particulars={"surname": "Queued"})
    _ask(vetting_officer, waiting)
    assert list(selectors.awaiting_applicant(actor=vetting_officer)) == [waiting]
    assert list(selectors.vetting_queue(actor=vetting_officer)) == [to_vet]
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:vetting_queue")).content.decode()
    to_vet_table, awaiting_table = page.split('id="awaiting-applicant"')
    assert to_vet.reference in to_vet_table and waiting.reference not in to_vet_table
    assert "Waiting for the applicant" in to_vet_table  # the heading of the second table
    assert waiting.reference in awaiting_table and to_vet.reference not in awaiting_table


def test_reg_8_ops_1_only_vetting_officers_see_who_is_waiting(help_centre_officer, iu_holder):
    for actor in (help_centre_officer, iu_holder):
        with pytest.raises(NotPermitted):
            selectors.awaiting_applicant(actor=actor)


def test_reg_8_page_offers_reject_while_information_is_requested(client, vetting_officer):
    application = submit_application()
    _ask(vetting_officer, application)
    client.force_login(vetting_officer)
    detail = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    page = detail.content.decode()
    assert reverse("backoffice:reject", args=[application.pk]) in page
    assert reverse("backoffice:mark_in_order", args=[application.pk]) not in page
    assert reverse("backoffice:request_information", args=[application.pk]) not in page
    mail.outbox.clear()
    response = client.post(
        reverse("backoffice:reject", args=[application.pk]),
        {"reasons": "No answer given.", "confirm": "yes"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    (email,) = mail.outbox
    assert "No answer given." in email.body


def test_reg_8_page_offers_no_vetting_result_once_in_order(client, vetting_officer):
    application = submit_application()
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    assert reverse("backoffice:reject", args=[application.pk]) not in page.content.decode()
    application.refresh_from_db()
    assert selectors.application_actions(actor=vetting_officer, application=application) == set()


def test_ops_3_dashboard_counts_come_from_the_selectors(client, vetting_officer):
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=HK)):
        overdue = submit_application()
        waiting = submit_application()
        _ask(vetting_officer, waiting)
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=HK)):
        submit_application()
        counts = selectors.vetting_counts(actor=vetting_officer)
        client.force_login(vetting_officer)
        page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert counts == {"to_vet": 2, "overdue": 1, "awaiting_applicant": 1}
    assert overdue.due_date < date(2026, 11, 30)
    assert '<span class="count">2</span> applications to vet' in page
    assert "1 overdue" in page
    assert "1 waiting for the applicant" in page


def test_reg_8_vetting_queue_carries_no_unused_annotation(vetting_officer):
    submit_application()
    assert selectors.vetting_queue(actor=vetting_officer).query.annotations == {}


def test_reg_8_reject_asks_for_confirmation_first(client, vetting_officer):
    application = submit_application()
    mail.outbox.clear()
    client.force_login(vetting_officer)
    url = reverse("backoffice:reject", args=[application.pk])
    reasons = "No proof of involvement.\nThe case number is not ours."
    response = client.post(url, {"reasons": reasons})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Reject application {application.reference}?" in page
    assert "No proof of involvement.<br>The case number is not ours." in page
    # The confirmation posts the same decision again, with the reasons, and needs no script.
    assert f'<form method="post" action="{url}"' in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert f'<input type="hidden" name="reasons" value="{reasons}">' in page
    assert "<script" not in page.split("</head>")[1]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert mail.outbox == []

    response = client.post(url, {"reasons": reasons, "confirm": "yes"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.rejection_reasons == reasons
    assert len(mail.outbox) == 1
    # The application's page keeps the reasons, for when the applicant phones.
    detail = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    shown = detail.content.decode()
    assert "Reasons for rejection" in shown and "Rejected on vetting" in shown
    assert "No proof of involvement.<br>The case number is not ours." in shown


def test_reg_8_mark_in_order_asks_for_confirmation_first(client, vetting_officer):
    application = submit_application()
    mail.outbox.clear()
    client.force_login(vetting_officer)
    url = reverse("backoffice:mark_in_order", args=[application.pk])
    response = client.post(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Mark application {application.reference} in order?" in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert reverse("backoffice:application_detail", args=[application.pk]) in page  # go back
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert mail.outbox == []

    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert len(mail.outbox) == 1


def test_reg_8_mark_in_order_warns_when_no_listed_case_can_be_linked(client, vetting_officer):
    client.force_login(vetting_officer)
    nothing = submit_application(cases=[{"case_number": "HCA 99/2025", "party_type": "PLAINTIFF"}])
    page = client.get(reverse("backoffice:application_detail", args=[nothing.pk])).content
    assert "None of the listed cases can be linked now" in page.decode()
    CaseFactory(number="DCPI 1234/2025")
    linkable = submit_application(
        particulars={"id_document_number": "B1234566"},
        cases=[{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}],
    )
    page = client.get(reverse("backoffice:application_detail", args=[linkable.pk])).content
    assert "None of the listed cases can be linked now" not in page.decode()
    assert "Mark in order" in page.decode()


def test_reg_8_the_vetting_page_says_when_the_claimed_party_is_already_represented(
    client, vetting_officer
):
    link = CaseLinkFactory(case=CaseFactory(number="DCPI 1234/2025"))
    application = submit_application()
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk])).content
    text = page.decode()
    assert f"The Plaintiff of this case is represented by {escape(link.organization.name)}" in text
    assert "None of the listed cases can be linked now" in text


def test_reg_5_the_officer_reads_an_hkid_number_as_printed_on_the_card(client, vetting_officer):
    application = submit_application()
    number = application.id_document_number  # kept without the brackets: "A1234563"
    client.force_login(vetting_officer)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk])).text
    assert f"{number[:-1]}({number[-1]})" in page
    assert number not in page


def test_auth_6_the_status_link_is_logged_without_its_token_and_not_stored(
    client, vetting_officer, monkeypatch, caplog
):
    """The status page's token opens the application's particulars for 120 days: a refused
    answer (over the attempts' limit) is logged by Django with its path, and the page, which
    shows the applicant's particulars, is kept by no cache."""
    caplog.set_level(logging.INFO)
    attempts = {
        **policy.RATE_LIMITS_ATTEMPTS,
        "supplement": policy.RateLimit(1, timedelta(hours=1)),
    }
    monkeypatch.setattr(policy, "RATE_LIMITS_ATTEMPTS", attempts)
    application = submit_application()
    _ask(vetting_officer, application)
    token = services.application_access_token(application)
    url = reverse("registration:status", kwargs={"token": token})
    page = client.get(url)
    assert "no-store" in page["Cache-Control"]
    assert client.post(url, {"answer": ""}).status_code == 200
    assert client.post(url, {"answer": "The writ."}).status_code == 429
    assert "Too Many Requests: /apply/status/…" in caplog.text
    assert token not in caplog.text


def test_ops_2_an_application_and_its_identity_document_are_kept_by_no_cache(
    client, vetting_officer
):
    """The officer's page of an application (name, address, document number), the scan of the
    applicant's identity document and the same through the API stayed in the browser's cache
    of the counter's computer after logout, and in any cache on the way."""
    application = submit_application()
    document = application.documents.first()
    client.force_login(vetting_officer)
    answers = {
        "page": client.get(reverse("backoffice:application_detail", args=[application.pk])),
        "document": client.get(reverse("backoffice:document_download", args=[document.pk])),
        "api": client.get(f"/api/v1/backoffice/applications/{application.pk}/"),
        "api document": client.get(f"/api/v1/backoffice/documents/{document.pk}/"),
    }
    assert {name: answer.status_code for name, answer in answers.items()} == {
        "page": 200,
        "document": 200,
        "api": 200,
        "api document": 200,
    }
    assert {
        name: "no-store" in answer.get("Cache-Control", "") for name, answer in answers.items()
    } == {"page": True, "document": True, "api": True, "api document": True}


def test_auth_6_the_status_links_api_answer_is_kept_by_no_cache(client, vetting_officer):
    """The API's answer at the status link's address carries what the page does (the
    officer's questions, the reasons of a rejection); the page is kept by no cache, the
    API's answer was kept by any."""
    application = submit_application()
    _ask(vetting_officer, application)
    token = services.application_access_token(application)
    answer = client.get(f"/api/v1/applications/by-token/{token}/")
    assert answer.status_code == 200
    assert "no-store" in answer.get("Cache-Control", "")


def test_auth_6_a_public_page_keeps_its_own_caching(client):
    """Only answers for one reader are marked: the public's pages are not."""
    answer = client.get(reverse("public:home"))
    assert answer.status_code == 200
    assert "no-store" not in answer.get("Cache-Control", "")
