"""REG-9, CASE-3 (a) [A45]: when an IU or PA application's account opens, each listed case
that can be linked at that moment becomes a request to link (route APPLICATION) for the
registry to check against the parties; the holder is the IU account, or the PA's
organization. A listed case that cannot be linked gets none, and the activation email says so
and points to the Notice of Consent."""

import datetime
from datetime import timedelta

import pytest
from django.core import mail

from audit.models import AuditRecord
from cases.models import (
    CaseLink,
    CaseLinkRequest,
    CaseStatus,
    LinkRoute,
    LodgementChannel,
    RequestStatus,
)
from cases.services import registry
from core.workdays import local_today
from registration.models import Channel, DocumentKind
from tests.factories import (
    CaseFactory,
    authenticated,
    pdf,
    proceeding_type,
    submit_application,
    submit_pa_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    return {
        "linkable": CaseFactory(number="DCPI 1234/2025"),
        "tax": CaseFactory(number="DCTC 88/2025", type_code="DCTC"),
        "paper": CaseFactory(number="DCCJ 55/2025", type_code="DCCJ"),
        "disposed": CaseFactory(
            number="DCTC 9/2025",
            type_code="DCTC",
            status=CaseStatus.FINALLY_DISPOSED,
            final_disposal_date=datetime.date(2025, 10, 1),
        ),
    }


@pytest.fixture
def open_account(vetting_officer, help_centre_officer, django_capture_on_commit_callbacks):
    """Mark in order, authenticate identity: the account opens and its emails leave."""

    def open_(application):
        with django_capture_on_commit_callbacks(execute=True):
            authenticated(
                application,
                vetting_officer=vetting_officer,
                help_centre_officer=help_centre_officer,
            )
        application.refresh_from_db()
        return application

    return open_


def activation_email(address):
    (email,) = [m for m in mail.outbox if address in m.to and "Activation code" in m.body]
    return email.body


def test_reg_9_iu_listed_cases_that_can_be_linked_go_to_the_registry(
    cases, open_account, help_centre_officer
):
    application = submit_application(
        cases=[
            {"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"},
            {"case_number": "DCCJ 55/2025", "party_type": "DEFENDANT"},
            {"case_number": "DCTC 9/2025", "party_type": "DEFENDANT"},
            {"case_number": "DCPI 4321/2025", "party_type": "PLAINTIFF"},
        ],
    )
    application = open_account(application)
    request = CaseLinkRequest.objects.get()
    assert request.case == cases["linkable"]
    assert request.route == LinkRoute.APPLICATION
    assert request.application_reference == application.reference
    assert request.party_type == "PLAINTIFF"
    assert request.party_name == "Chan Tai Man"
    assert (request.individual, request.organization) == (application.account, None)
    assert request.lodged_by == application.account
    assert (request.channel, request.received_on) == (
        LodgementChannel.ONLINE,
        application.received_on,
    )
    assert request.status == RequestStatus.PENDING
    # CASE-3 (a): linked only once the registry has checked it against the parties.
    assert not CaseLink.objects.exists()
    record = AuditRecord.objects.get(action="case_link_request.created")
    assert record.after["application"] == application.reference
    body = activation_email(application.email)
    assert "The registry will check the case listed in the application" in body
    assert "These cases listed in the application have not been linked:" in body
    assert "- DCCJ 55/2025: its proceedings are not conducted through iCMS" in body
    assert "- DCTC 9/2025: it has been finally disposed of." in body
    assert "- DCPI 4321/2025: no case with this number is in the court's records." in body
    assert "lodge a Notice of Consent to transact by iCMS" in body
    assert "DCPI 1234/2025" not in body


def test_reg_9_pa_listed_cases_go_to_the_organization_not_the_pa(
    cases, open_account, help_centre_officer
):
    application = submit_pa_application(
        cases=[
            {"case_number": "DCPI 1234/2025", "party_type": "NOT_A_PARTY"},
            {"case_number": "dctc 88/2025", "party_type": "DEFENDANT"},
        ],
    )
    application = open_account(application)
    requests = {r.case.number: r for r in CaseLinkRequest.objects.select_related("case")}
    assert set(requests) == {"DCPI 1234/2025", "DCTC 88/2025"}
    for request in requests.values():
        assert request.organization == application.organization
        assert request.individual is None
        assert request.lodged_by == application.account
        assert request.application_reference == application.reference
    # "Not a party": a firm acting for a party; the registry finds which from the documents.
    assert requests["DCPI 1234/2025"].party_type == ""
    assert requests["DCPI 1234/2025"].party_name == "Harbour & Peak Solicitors"
    assert requests["DCTC 88/2025"].party_type == "DEFENDANT"
    body = activation_email(application.email)
    assert "The registry will check the 2 cases listed in the application" in body
    assert "have not been linked" not in body


def test_reg_9_an_account_with_no_linkable_case_gets_no_request_but_is_told(
    cases, open_account, help_centre_officer
):
    application = submit_application(
        cases=[{"case_number": "DCCJ 55/2025", "party_type": "PLAINTIFF"}]
    )
    application = open_account(application)
    assert application.account is not None
    assert not CaseLinkRequest.objects.exists()
    body = activation_email(application.email)
    assert "- DCCJ 55/2025: its proceedings are not conducted through iCMS" in body
    assert "The registry will check" not in body


def test_reg_9_linkable_is_judged_when_the_account_opens(cases, open_account, registry_clerk):
    """A case entered, or disposed of, after the application was submitted: what counts is
    the court's records on the day the account opens; and a notice in force from tomorrow
    does not make a case linkable today (GEN-2)."""
    application = submit_application(
        cases=[
            {"case_number": "HCA 3/2026", "party_type": "PLAINTIFF"},
            {"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"},
            {"case_number": "DCTC 88/2025", "party_type": "PLAINTIFF"},
        ]
    )
    CaseFactory(number="HCA 3/2026", type_code="HCA")
    registry.implementation_notice_create(
        actor=registry_clerk,
        proceeding_type_id=proceeding_type("HCA").pk,
        effective_date=local_today() + timedelta(days=1),
        title="High Court civil actions",
    )
    registry.case_final_disposal_record(
        actor=registry_clerk, case_id=cases["tax"].pk, final_disposal_date=local_today()
    )
    open_account(application)
    assert [r.case.number for r in CaseLinkRequest.objects.all()] == ["DCPI 1234/2025"]


def test_reg_9_a_paper_application_keeps_its_channel_and_date(
    cases, open_account, help_centre_officer
):
    received = local_today() - timedelta(days=2)
    application = submit_application(
        channel=Channel.FAX,
        received_on=received,
        actor=help_centre_officer,
        cases=[{"case_number": "DCPI 1234/2025", "party_type": "DEFENDANT"}],
        documents=[
            (DocumentKind.PROOF_OF_INVOLVEMENT, pdf()),
            (DocumentKind.SCANNED_APPLICATION_FORM, pdf("fax.pdf")),
        ],
    )
    open_account(application)
    request = CaseLinkRequest.objects.get()
    assert (request.channel, request.received_on) == (LodgementChannel.FAX, received)
