"""NFR-1 and NFR-2 over every page: each one, in English and in Traditional Chinese, for the
person who may see it, passes axe-core's WCAG 2.2 AA rules and carries its language; and none
needs anything the Content Security Policy refuses."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.services import email_change_request
from cases.models import CaseStatus
from cases.services.assignment import case_assignment_create, case_profile_assignment_create
from cases.services.counsel import counsel_instruct
from documents.services import document_issue
from filing.models import DocumentType
from filing.services.filings import DocumentToFile, filing_submit
from hearings.services import hearing_create
from inspection.models import InspectionGrant
from messaging.models import MessageKind
from messaging.services import messages_deliver
from organizations.models import DefaultOU, OrganizationType
from organizations.services.configuration import configuration_change_request
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.models import Payment, PaymentMethod, PaymentPurpose, PaymentStatus
from payments.services import deposit_top_up, fee_pay_from_deposit
from payments.tokens import new_token, token_hash
from permissions.roles import Role
from registration import services
from tests.browser.conftest import assert_accessible
from tests.browser.journey import staff_log_in
from tests.factories import (
    PASSWORD,
    BranchFactory,
    CaseAssignmentFactory,
    CaseFactory,
    CaseLinkFactory,
    CaseLinkRequestFactory,
    NoticeOfChangeFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    proceeding_type,
    submit_application,
    submit_pa_application,
    wrong_code,
)
from tests.pdfs import good_pdf
from translations.services import certification_apply

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/apply/",
    "/apply/organization/",
    "/apply/organization/replacement/",
    "/account/login/",
    "/account/activate/",
    "/account/reset-password/",
    "/help/",
    # A6, A29, A45 (b): the forms to print.
    "/forms/",
    "/forms/individual-user/",
    "/forms/organization/",
    "/forms/notice-of-consent/",
]
# My cases and a case's page (CASE-2, CASE-4, GEN-2, BEY-1).
CASE_PAGES = {
    Role.IU: ["/cases/", "/cases/{iu_case}/"],
    Role.PA: ["/cases/", "/cases/?assignment=unassigned&number=DCPI", "/cases/{case}/"],
    Role.SA: ["/cases/"],
    Role.OU: ["/cases/", "/cases/{case}/", "/cases/{paper_case}/"],
}
PAGES = {
    None: PUBLIC,
    Role.IU: [
        "/account/",
        "/account/password/",
        # LIFE-1, LIFE-2: the profile with a change of email waiting, its confirmation, and
        # ending the account online.
        "/account/profile/",
        "/account/profile/email/",
        "/account/terminate/",
        # CASE-3 (b): the holder's requests to link cases and the Notice of Consent.
        "/cases/link-requests/",
        "/cases/link-requests/new/",
        "/cases/link-requests/{iu_request}/",
    ],
    Role.VETTING: [
        "/backoffice/",
        "/backoffice/vetting/",
        "/backoffice/applications/{waiting}/",
        "/backoffice/configuration-changes/",
        "/backoffice/configuration-changes/{change}/",
        "/backoffice/applications/{pa_waiting}/",
    ],
    Role.HELP_CENTRE: [
        "/backoffice/",
        "/backoffice/authentication/",
        "/backoffice/authentication/{in_order}/",
        "/backoffice/paper-applications/new/",
        "/backoffice/paper-applications/new/?type=PA",
        "/backoffice/paper-applications/new/?type=PA_REPLACEMENT",
        "/backoffice/primary-administrators/terminations/",
        "/backoffice/primary-administrators/terminations/?login_name={pa}",
        "/backoffice/password-resets/",
        "/backoffice/password-resets/?q=Chan",
        "/backoffice/password-resets/?login_name={holder}",
        "/backoffice/activation-codes/",
        "/backoffice/account-locks/",
        "/backoffice/account-locks/?login_name={locked}",
        # LIFE-2: an IU holder's request by post, fax or email.
        "/backoffice/iu-terminations/",
        "/backoffice/iu-terminations/?login_name={holder}",
        # A46: an IU's or a PA's name corrected against the document.
        "/backoffice/name-corrections/",
        "/backoffice/name-corrections/?login_name={holder}",
    ],
    Role.REGISTRY: [
        "/backoffice/",
        # CASE-3 (a), (b), BEY-1: the registry's queues, decisions and key-in.
        "/backoffice/link-requests/",
        "/backoffice/link-requests/{iu_request}/",
        "/backoffice/link-requests/new/",
        "/backoffice/notices-of-change/",
        "/backoffice/notices-of-change/{notice_of_change}/",
        "/backoffice/notices-of-change/new/",
        # The registry's cases, parties and implementation notices (CASE-1, GEN-2).
        "/backoffice/cases/",
        "/backoffice/cases/?number=DCPI&status=ONGOING",
        "/backoffice/cases/new/",
        "/backoffice/cases/{case}/",
        "/backoffice/cases/{disposed}/",
        "/backoffice/cases/{case}/edit/",
        "/backoffice/cases/{case}/parties/new/",
        "/backoffice/cases/{case}/parties/{party}/",
        "/backoffice/cases/{iu_case}/links/{iu_link}/correct/",
        "/backoffice/implementation-notices/",
        "/backoffice/court-levels/",
    ],
    # Organization administration (ORG-2, ORG-5..7, ROLE-1) and the holders' own profile.
    Role.PA: [
        "/account/",
        "/account/profile/",
        "/organization/",
        "/organization/branches/",
        "/organization/branches/{branch}/",
        "/organization/accounts/",
        "/organization/default-ous/",
        "/organization/accounts/?role=OU&status=ACTIVE",
        "/organization/accounts/new/?role=OU",
        "/organization/accounts/new/?role=SA",
        "/organization/accounts/{ou}/",
        "/organization/accounts/{sa}/",
        "/organization/accounts/{ou}/edit/",
        "/organization/configuration-changes/",
        "/organization/configuration-changes/limits/",
        "/organization/configuration-changes/post-based/",
        "/organization/configuration-changes/{change}/",
        "/cases/link-requests/",
        "/cases/notices-of-change/",
        "/cases/notices-of-change/new/",
        "/cases/notices-of-change/{notice_of_change}/",
        # CASE-5..7, BEY-5: the organization's cases, given to SAs and assigned to OUs.
        "/cases/assignment/",
        "/cases/assignment/{link}/",
        "/cases/assignment/given/",
        # [A12]: counsel briefed for the party.
        "/cases/counsel/{link}/",
        "/cases/access-review/",
        "/cases/access-review/?holder={ou}",
    ],
    Role.SA: [
        "/organization/",
        "/organization/accounts/",
        "/organization/accounts/{ou}/",
        "/cases/assignment/",
        "/cases/assignment/{link}/",
        "/cases/access-review/",
    ],
    Role.OU: ["/account/profile/", "/organization/", "/organization/branches/"],
    Role.SYSTEM_ADMIN: [
        "/backoffice/",
        "/backoffice/audit-trail/",
        "/backoffice/audit-trail/?action=application.submitted",
        "/backoffice/account-locks/",
        "/backoffice/second-factors/",
        "/backoffice/second-factors/?login_name={staff}",
    ],
}
for _role, _paths in CASE_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
# The Message Box and the choice of emails (MSG-1, MSG-3, BEY-6); the registry's directions.
MESSAGE_PAGES = {
    Role.IU: [
        "/messages/",
        "/messages/?category=CASE&search=costs&unread=1",
        "/messages/?case_number=DCPI",
        "/messages/{iu_message}/",
        "/messages/preferences/",
    ],
    Role.OU: ["/messages/", "/messages/{ou_message}/", "/messages/preferences/"],
    Role.PA: ["/messages/"],
    Role.REGISTRY: [
        "/backoffice/cases/{case}/directions/new/",
        "/backoffice/cases/{disposed}/directions/new/",
    ],
}
for _role, _paths in MESSAGE_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
# The court policy the registry keeps (BEY-2).
PAGES[Role.REGISTRY] = PAGES[Role.REGISTRY] + [
    "/backoffice/court-policy/",
    "/backoffice/court-policy/document-types/new/",
    "/backoffice/court-policy/document-types/{document_type}/",
    "/backoffice/court-policy/file-limits/",
    "/backoffice/court-policy/file-limits/{dcpi}/",
    "/backoffice/court-policy/file-limits/{dctc}/",
]
# Issued documents: the public DRN check (SVC-5, BEY-3), the parties' file of a case (SVC-2),
# the registry's documents of a case and "Issue a document".
DOCUMENT_PAGES = {
    None: [
        "/documents/check/",
        "/documents/check/?drn=7K3M-Q9TZ",
        "/documents/check/{iu_drn}/",
        "/documents/check/ABCDEFGHJKMNPQRS/",
    ],
    Role.IU: [
        "/cases/{iu_case}/documents/",
        "/cases/{iu_case}/documents/{iu_document}/",
        "/cause-book/cases/{iu_case}/",
    ],
    Role.REGISTRY: [
        "/backoffice/cases/{iu_case}/documents/",
        "/backoffice/cases/{iu_case}/documents/new/",
        "/backoffice/cases/{disposed}/documents/new/",
    ],
}
for _role, _paths in DOCUMENT_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
# e-Payments (SVC-4, GEN-3): the search fee without login, the deposit account's statement, a
# receipt, and the registry's top-up.
PAYMENT_PAGES = {
    None: ["/payments/search-fee/"],
    Role.PA: ["/payments/deposit-accounts/{deposit_account}/", "/payments/{payment}/"],
    Role.SA: ["/payments/deposit-account/"],
    Role.OU: ["/payments/{payment}/"],
    Role.REGISTRY: ["/backoffice/deposit-accounts/top-ups/new/"],
}
for _role, _paths in PAYMENT_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
# Public inspection (SVC-2, GEN-3): the search (empty, with results, with errors), a paid
# inspection's page (open, expired), the registry's page on a case and the public.
INSPECTION_PAGES = {
    None: [
        "/documents/search/",
        "/documents/search/?document_type=ORDER",
        "/documents/search/?date_from=2025-06-01&date_to=2025-01-01",
        "/documents/{iu_document}/inspection/?query=document_type%3DORDER",
        "/documents/inspect/{inspection_token}/",
        "/documents/inspect/{expired_token}/",
    ],
    Role.REGISTRY: ["/backoffice/cases/{iu_case}/public-inspection/"],
}
for _role, _paths in INSPECTION_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
# e-Filing (SVC-1, CASE-3 (c)): the registry's queue, a filing in a case and one starting new
# proceedings, and the decided ones.
PAGES[Role.REGISTRY] = PAGES[Role.REGISTRY] + [
    "/backoffice/filings/",
    "/backoffice/filings/{filing}/",
    "/backoffice/filings/{writ_filing}/",
    "/backoffice/filings/decided/",
    "/backoffice/filings/decided/?status=REJECTED&case_number=DCPI",
]
# Certification of translations (SVC-6): the applicant's list, form and request; the
# organization's administrator's view; the registry's queue and a request's page.
TRANSLATION_PAGES = {
    Role.IU: ["/translations/", "/translations/new/?case={iu_case}"],
    Role.OU: [
        "/translations/",
        "/translations/new/?case={case}",
        "/translations/{translation}/",
    ],
    Role.PA: ["/translations/{translation}/"],
    Role.REGISTRY: ["/backoffice/translations/", "/backoffice/translations/{translation}/"],
}
for _role, _paths in TRANSLATION_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths


def paid_inspection(document, *, expired=False) -> str:
    """A search fee paid for a document's inspection, as the gateway's event leaves it (the
    gateway itself is tested in tests/test_paid_inspection.py): its secret token."""
    token = new_token()
    now = timezone.now()
    payment = Payment.objects.create(
        purpose=PaymentPurpose.SEARCH_FEE,
        reference=f"DOC-{document.pk}",
        amount=PUBLIC_SEARCH_FEE_HKD,
        method=PaymentMethod.GATEWAY,
        status=PaymentStatus.SUCCEEDED,
        access_token_hash=token_hash(token),
        settled_at=now,
    )
    InspectionGrant.objects.create(
        document=document,
        payment=payment,
        token_hash=payment.access_token_hash,
        expires_at=now
        + (-datetime.timedelta(hours=1) if expired else datetime.timedelta(hours=72)),
    )
    return token


def pdf_upload():
    return SimpleUploadedFile("document.pdf", good_pdf(), "application/pdf")


# e-Filing (SVC-1): My filings, the filing form in a case and for new proceedings, a filing.
FILING_PAGES = {
    Role.IU: ["/filings/", "/filings/new/?case={iu_case}"],
    Role.OU: [
        "/filings/",
        "/filings/?status=SUBMITTED",
        "/filings/new/",
        "/filings/new/?case={case}",
        "/filings/new/?mode=new",
        "/filings/{filing}/",
    ],
    Role.PA: ["/filings/", "/filings/{filing}/"],
}
for _role, _paths in FILING_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
# The Cause Book (SVC-3): the public search, its error state and printable list; the holders'
# hearings calendar (BEY-6); the registry's list, forms and import.
CAUSE_BOOK_PAGES = {
    None: [
        "/cause-book/",
        "/cause-book/?party=chan+tai+man&judge=lee",
        "/cause-book/?case_number=not+a+number",
        "/cause-book/print/",
    ],
    Role.IU: ["/cause-book/calendar/"],
    Role.PA: ["/cause-book/calendar/"],
    Role.REGISTRY: [
        "/backoffice/cause-book/",
        "/backoffice/cause-book/new/",
        "/backoffice/cause-book/import/",
        "/backoffice/cause-book/{hearing}/",
    ],
}
for _role, _paths in CAUSE_BOOK_PAGES.items():
    PAGES[_role] = PAGES[_role] + _paths
LANGUAGES = {"en": ("", "en-HK"), "zh-hant": ("/zh-hant", "zh-Hant-HK")}


def _log_in(page, site, user):
    if user.is_court_staff:
        staff_log_in(page, site, user, PASSWORD, check=False)
        return
    page.goto(site + "/account/login/")
    if user.organization_id:  # AUTH-2
        page.fill("#id_organization_code", user.organization.code)
    page.fill("#id_login_name", user.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _second_factor_pages(new_page, site, prefix, lang, officer) -> None:
    """OPS-1: the second-factor page after the password, as it is (setting up an
    authenticator app, or entering a code), then with a wrong code."""
    page = new_page(f"second factor {officer.login_name}", locale=lang)
    page.goto(site + prefix + "/account/login/")
    page.fill("#id_login_name", officer.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(site + prefix + "/account/login/second-factor/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.fill("#id_one_time_code", wrong_code(officer))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_nfr_2_every_page_passes_wcag_2_2_aa_in_both_languages(site, new_page, language):
    vetting = StaffFactory(role=Role.VETTING)
    waiting = submit_application()
    in_order = submit_application()
    services.application_mark_in_order(actor=vetting, application_id=in_order.pk)
    pa_waiting = submit_pa_application()
    holder, locked = UserFactory(), UserFactory()
    AccessAttempt.objects.create(  # five failed logins: locked (AUTH-3)
        username=locked.login_name,
        ip_address="127.0.0.1",
        user_agent="test",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/account/login/",
    )
    organization = OrganizationFactory(organization_type=OrganizationType.GOVERNMENT_DEPARTMENT)
    branch = BranchFactory(organization=organization, code="CENTRAL")
    pa = OrganizationAccountFactory(organization=organization, role=Role.PA, branch=None)
    sa = OrganizationAccountFactory(organization=organization, role=Role.SA, branch=branch)
    ou = OrganizationAccountFactory(organization=organization, branch=branch)
    DefaultOU.objects.create(organization=organization, account=ou)
    iu = UserFactory()
    email_change_request(actor=iu, email="new.address@example.com")
    case = CaseAssignmentFactory(
        link=CaseLinkFactory(organization=organization), organization_user=ou
    ).link.case
    paper_case = CaseAssignmentFactory(
        link=CaseLinkFactory(organization=organization, case=CaseFactory(type_code="DCCJ")),
        organization_user=ou,
    ).link.case
    iu_link = CaseLinkFactory(organization=None, individual=iu)
    iu_case = iu_link.case
    change = configuration_change_request(
        actor=pa, kind="LIMITS", justification="Two new offices.", limits={"branches": 12}
    )
    listed = CaseLinkFactory(organization=OrganizationFactory(name="Outgoing & Co."))
    iu_request = CaseLinkRequestFactory(individual=iu, case=listed.case, party_type="DEFENDANT")
    notice_of_change = NoticeOfChangeFactory(
        case=listed.case, incoming_organization=organization, lodged_by=pa
    )
    ids = {
        "iu_request": iu_request.pk,
        "notice_of_change": notice_of_change.pk,
    }
    disposed = CaseFactory(
        type_code="DCTC",
        status=CaseStatus.FINALLY_DISPOSED,
        final_disposal_date=datetime.date(2025, 10, 1),
    )
    # A case of the organization, given to the SA by profile and assigned to the OU.
    link = CaseLinkFactory(organization=organization)
    case_profile_assignment_create(actor=pa, administrator_id=sa.pk, proceeding_type="DCPI")
    case_assignment_create(actor=sa, link_id=link.pk, organization_user_id=ou.pk)
    # [A12]: a barrister of the Bar Association's organization briefed for its party.
    bar = OrganizationFactory(organization_type=OrganizationType.BAR_ASSOCIATION)
    barrister = OrganizationAccountFactory(organization=bar, surname="Kwok")
    counsel_instruct(actor=pa, link_id=link.pk, login_name=barrister.login_name)
    iu_message = messages_deliver(
        recipients=[iu],
        kind=MessageKind.DIRECTION,
        subject="Directions on costs",
        body="Costs in the cause.",
        case=iu_case,
    )[0]
    ou_message = messages_deliver(
        recipients=[ou], kind=MessageKind.NOTICE, subject="Maintenance", body="On Sunday."
    )[0]
    messages_deliver(
        recipients=[iu], kind=MessageKind.NOTICE, subject="Maintenance", body="On Sunday."
    )
    iu_document = document_issue(
        actor=StaffFactory(role=Role.REGISTRY),
        case_id=iu_case.pk,
        kind="ORDER",
        title="Order on costs",
        method="COMPOSED",
        text="Costs in the cause.",
    ).document
    registry_clerk = StaffFactory(role=Role.REGISTRY)
    top_up = deposit_top_up(
        actor=registry_clerk,
        organization_code=organization.code,
        amount="5000.00",
        reference="CHQ 001234",
    )
    payment = fee_pay_from_deposit(
        actor=ou, purpose="FILING_FEE", reference="FIL-2026-000001", amount="630.00"
    )
    filing = filing_submit(
        actor=ou,
        case_number=case.number,
        documents=[DocumentToFile("SOD", pdf_upload())],
        pay_by="DEPOSIT",
    ).filing
    writ_filing = filing_submit(
        actor=ou,
        proceeding_type="DCPI",
        title="WONG Siu Ming v. ABC Limited",
        parties=[
            {"party_type": "PLAINTIFF", "name": "WONG Siu Ming"},
            {"party_type": "DEFENDANT", "name": "ABC Limited"},
        ],
        documents=[DocumentToFile("WRIT", pdf_upload())],
        pay_by="DEPOSIT",
    ).filing
    hearing = hearing_create(
        actor=registry_clerk,
        date=datetime.date.today(),
        start_time="09:30",
        court="District Court",
        courtroom="Court 23",
        judge_en="HH Judge LEE",
        judge_zh="李法官",
        case_number=case.number,
        hearing_type="TRIAL",
        public=True,
    )
    translation_request = certification_apply(
        actor=ou,
        case_id=case.pk,
        source_file=pdf_upload(),
        source_title="Witness statement of WONG Siu Ming",
        translation_file=pdf_upload(),
        source_language="zh",
        target_language="en",
        pay_by="DEPOSIT",
    ).request
    inspection_token, expired_token = (
        paid_inspection(iu_document),
        paid_inspection(iu_document, expired=True),
    )
    ids |= {
        "translation": translation_request.pk,
        "inspection_token": inspection_token,
        "expired_token": expired_token,
        "filing": filing.pk,
        "writ_filing": writ_filing.pk,
        "hearing": hearing.pk,
        "iu_document": iu_document.pk,
        "iu_drn": iu_document.drn,
        "deposit_account": top_up.account_id,
        "payment": payment.pk,
        "iu_message": iu_message.pk,
        "ou_message": ou_message.pk,
        "link": link.pk,
        "case": case.pk,
        "disposed": disposed.pk,
        "party": case.parties.first().pk,
        "change": change.pk,
        "branch": branch.pk,
        "ou": ou.pk,
        "sa": sa.pk,
        "waiting": waiting.pk,
        "in_order": in_order.pk,
        "holder": holder.login_name,
        "locked": locked.login_name,
        "pa_waiting": pa_waiting.pk,
        "pa": pa.login_name,
        "staff": vetting.login_name,
        "paper_case": paper_case.pk,
        "iu_case": iu_case.pk,
        "iu_link": iu_link.pk,
        "document_type": DocumentType.objects.get(proceeding_type__code="DCPI", code="DEF").pk,
        "dcpi": proceeding_type("DCPI").pk,
        "dctc": proceeding_type("DCTC").pk,
    }
    people = {
        None: None,
        Role.IU: iu,
        Role.PA: pa,
        Role.VETTING: vetting,
        Role.HELP_CENTRE: StaffFactory(role=Role.HELP_CENTRE),
        Role.REGISTRY: registry_clerk,
        Role.SYSTEM_ADMIN: StaffFactory(role=Role.SYSTEM_ADMIN, is_superuser=True),
        Role.SA: sa,
        Role.OU: ou,
    }
    prefix, lang = LANGUAGES[language]
    checked = 0
    refused = []
    for role, paths in PAGES.items():
        page = new_page(str(role), locale=lang)
        page.on(
            "console",
            lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
        )
        if people[role] is not None:
            _log_in(page, site, people[role])
        for path in paths:
            page.goto(site + prefix + path.format(**ids))
            # Read in one step: each locator is a round trip to the browser.
            language, headings = page.evaluate(
                "() => [document.documentElement.lang, document.querySelectorAll('h1').length]"
            )
            assert (language, headings) == (lang, 1), path
            assert_accessible(page)
            checked += 1
        if role is None:
            # The error state of a form: the summary and the marked fields.
            page.goto(site + prefix + "/apply/")
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
            page.goto(site + prefix + "/no-such-page/")
            assert_accessible(page)
        if role == Role.PA:
            # The error state of the request form.
            page.goto(site + prefix + "/organization/configuration-changes/limits/")
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
            # A destructive action asks first: the confirmation page.
            page.goto(site + prefix + f"/organization/accounts/{sa.pk}/")
            page.fill("#id_reasons", "On leave")
            page.locator("main form button.warning").first.click()
            page.wait_for_load_state()
            assert page.locator(".confirm-form").is_visible()
            assert_accessible(page)
            # Taking a case party off an OU asks first too; the give form's error state.
            page.goto(site + prefix + f"/cases/assignment/{link.pk}/")
            page.locator(f"form[action$='/unassign/{ou.pk}/'] button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".confirm-form").is_visible()
            assert_accessible(page)
            page.goto(site + prefix + "/cases/assignment/given/")
            page.locator("form[action$='/given/numbers/'] button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
            # Briefing counsel: the form's error state, and withdrawing asks first.
            page.goto(site + prefix + f"/cases/counsel/{link.pk}/")
            page.locator("main form.panel button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
            page.locator(f"form[action$='/withdraw/{barrister.pk}/'] button").click()
            page.wait_for_load_state()
            assert page.locator(".confirm-form").is_visible()
            assert_accessible(page)
        if role == Role.REGISTRY:
            # The error state of a filing's review: rejected without reasons.
            page.goto(site + prefix + f"/backoffice/filings/{filing.pk}/")
            page.locator("main form button.warning").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
            # The error state of a translation's certification: rejected without reasons.
            page.goto(site + prefix + f"/backoffice/translations/{translation_request.pk}/")
            page.locator("main form button.warning").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
            # The error state of "Issue a document".
            page.goto(site + prefix + f"/backoffice/cases/{iu_case.pk}/documents/new/")
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
        if role == Role.OU:
            # The error state of an application for the certification of a translation.
            page.goto(site + prefix + f"/translations/new/?case={case.pk}")
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").is_visible()
            assert_accessible(page)
        if role == Role.HELP_CENTRE:
            # LIFE-2: ending an IU account asks first: the confirmation page.
            page.goto(
                site + prefix + f"/backoffice/iu-terminations/?login_name={holder.login_name}"
            )
            page.locator("input[name=channel][value=FAX]").check()
            page.fill("#id_received_on", "2026-01-05")
            page.locator("input[name=identity_check][value=CALLED_BACK]").check()
            page.fill("#id_identity_note", "Called 2477 1002")
            page.fill("#id_reasons", "The holder asked by fax")
            page.locator("main form button.warning").first.click()
            page.wait_for_load_state()
            assert page.locator(".confirm-form").is_visible()
            assert_accessible(page)
    assert checked == sum(len(p) for p in PAGES.values())
    # Setting up an authenticator app at the first login (the QR code and the key), and
    # entering the code at any other.
    for officer in (StaffFactory(second_factor=False), StaffFactory()):
        _second_factor_pages(new_page, site, prefix, lang, officer)
    assert refused == [], "the pages must need nothing the Content Security Policy refuses"
