"""The demo data carries an organization with an active PA, whose login and Organization Code
are printed with the other demo logins."""

import io

import pytest
from django.core.management import call_command

from accounts.models import AccountStatus, User
from organizations.models import OrganizationStatus

pytestmark = pytest.mark.django_db


def test_demo_data_has_an_organization_with_an_active_pa(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    pa = User.objects.get(login_name="pa00000001")
    assert (pa.role, pa.status) == ("PA", AccountStatus.ACTIVE)
    assert pa.organization.status == OrganizationStatus.ACTIVE
    assert pa.check_password("Demo-Court-2026")
    code = pa.organization.code
    assert "pa00000001" in out.getvalue()
    assert f"{code[:5]}-{code[5:]}" in out.getvalue()


def test_demo_data_has_the_registrys_cases(settings):
    """CASE-1, CASE-3, GEN-2: the demo organization holds two DCPI cases and one DCTC, the
    demo IU one DCPI case, a DCCJ case stays on paper, and a Notice of Consent waits."""
    from cases.models import Case, CaseLink, CaseLinkRequest, RequestStatus
    from cases.selectors.linkability import is_e_enabled

    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    pa = User.objects.get(login_name="pa00000001")
    organization_cases = sorted(
        CaseLink.objects.filter(organization=pa.organization).values_list("case__number", flat=True)
    )
    assert [n.split()[0] for n in organization_cases] == ["DCPI", "DCPI", "DCTC"]
    assert list(
        CaseLink.objects.filter(individual__login_name="iu00000001").values_list(
            "case__number", flat=True
        )
    ) == ["DCPI 1234/2025"]
    paper = Case.objects.get(number__startswith="DCCJ")
    assert paper.parties.count() == 2 and not is_e_enabled(paper.proceeding_type_id)
    assert CaseLinkRequest.objects.filter(status=RequestStatus.PENDING).count() == 1
    call_command("load_demo_data", stdout=io.StringIO())  # a second run adds nothing
    assert Case.objects.count() == 6


def test_msg_1_demo_data_has_messages_for_the_iu_and_the_ou(settings):
    """MSG-1, CASE-4, SVC-5: a direction of the registry and an iCMS notice reach iu00000001
    and ou00000001, and so does what the court issued in their cases (an order to the IU, a
    direction to the OU); the IU has read its first direction."""
    from messaging.models import Message

    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    for login_name, case_number, kinds, unread in (
        # The NOTICEs: the registry's acceptance of the listed case, and the maintenance.
        ("iu00000001", "DCPI 1234/2025", ["DIRECTION", "DOCUMENT", "NOTICE", "NOTICE"], 3),
        ("ou00000001", "DCPI 2051/2025", ["DIRECTION", "DIRECTION", "NOTICE"], 3),
    ):
        box = Message.objects.filter(recipient__login_name=login_name)
        assert sorted(box.values_list("kind", flat=True)) == kinds
        assert set(box.exclude(case=None).values_list("case__number", flat=True)) == {case_number}
        assert box.filter(read_at__isnull=True).count() == unread
    # [A12]: and the demo barrister hears it is briefed.
    briefed = Message.objects.get(recipient__login_name="ou00000002")
    assert briefed.subject == "You are instructed as counsel in DCPI 2051/2025"
    call_command("load_demo_data", stdout=io.StringIO())  # a second run adds nothing
    assert Message.objects.count() == 8


def test_a12_demo_data_has_a_barrister_briefed_as_counsel(settings):
    """[A12]: the Bar Association's organization with a barrister, ou00000002, whom the demo
    firm's OU briefed in DCPI 2051/2025; printed with the other logins."""
    from cases.models import CaseLink, LinkCapacity
    from cases.selectors.access import may_transact

    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    barrister = User.objects.get(login_name="ou00000002")
    assert barrister.organization.organization_type == "BAR_ASSOCIATION"
    assert barrister.check_password("Demo-Court-2026")
    (counsel,) = CaseLink.objects.filter(capacity=LinkCapacity.COUNSEL, ended_at__isnull=True)
    assert counsel.case.number == "DCPI 2051/2025"
    assert may_transact(barrister, counsel.case)
    printed = out.getvalue()
    assert "ou00000002   Barrister (an OU), briefed as counsel in DCPI 2051/2025" in printed
    assert "Organization Hong Kong Bar Association, Organization Code " in printed


def test_svc_5_demo_data_has_an_issued_order_to_check_and_find(settings, client):
    """SVC-5, SVC-2: the demo prints the DRN of an order the court issued; the public check
    finds it and so does the public document search, while the direction stays private."""
    from documents.drn import drn_display
    from documents.models import CaseDocument

    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    order = CaseDocument.objects.get(kind="ORDER")
    direction = CaseDocument.objects.get(kind="DIRECTION")
    assert (order.case.number, direction.case.number) == ("DCPI 1234/2025", "DCPI 2051/2025")
    assert f"has DRN {drn_display(order.drn)}" in out.getvalue()
    check = client.get(f"/documents/check/{order.drn}/")
    assert "DCPI 1234/2025" in check.text and "Order for directions" in check.text
    found = client.get("/documents/search/", {"case_number": "DCPI 1234/2025"})
    assert "Order for directions" in found.text
    hidden = client.get("/documents/search/", {"case_number": "DCPI 2051/2025"})
    assert direction.title not in hidden.text
    call_command("load_demo_data", stdout=io.StringIO())  # a second run issues nothing more
    assert CaseDocument.objects.count() == 2


def test_svc_3_demo_cause_book_names_the_parties_in_chinese_as_the_case_title_does(
    settings, client
):
    """SVC-3, GEN-3: the Chinese Cause Book finds the demo's parties by their Chinese names and
    names both sides as the case's Chinese title does."""
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    found = client.get("/zh-hant/cause-book/", {"party": "吳家豪"})
    assert found.status_code == 200
    assert "吳家豪 對 海港物流有限公司" in found.text
    assert "DCPI 1234/2025" in found.text and "DCPI 2051/2025" not in found.text


def test_reg_9_the_demo_ius_case_goes_to_the_registry_and_is_linked(
    settings, outbox, django_capture_on_commit_callbacks
):
    """REG-9: the registry's cases exist before the demo IU's application is approved, so
    its activation email says the registry will link the listed case (not that the court
    has no such case), and the registry's acceptance of that request links it."""
    from cases.models import CaseLinkRequest, RequestStatus

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", stdout=io.StringIO())
    (activation,) = [
        m for m in outbox if m.to == ["ng@example.com"] and "Activation code" in m.body
    ]
    assert "The registry will check the case listed in the application" in activation.body
    assert "no case with this number is in the court's records" not in activation.body
    request = CaseLinkRequest.objects.get(individual__login_name="iu00000001")
    assert request.status == RequestStatus.ACCEPTED
    assert request.link.case.number == "DCPI 1234/2025"
