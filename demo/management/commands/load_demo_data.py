"""Demo data for `make run`: one login per role and applications in each state. Refuses to run
unless DJANGO_DEBUG is on, so demo passwords never reach a real deployment."""

import io
from base64 import b32encode

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from fpdf import FPDF

from accounts.models import AccountStatus, OptionalRoleGrant, User
from cases.models import (
    Case,
    CaseLink,
    CaseLinkRequest,
    LinkRoute,
    LodgementChannel,
    PartyType,
)
from cases.services import registry as cases_registry
from cases.services.assignment import case_assignment_create, case_profile_assignment_create
from cases.services.counsel import counsel_instruct
from cases.services.linking import case_link_create
from cases.services.locks import locked_party
from cases.services.notices import link_request_accept
from core.workdays import local_today
from documents.drn import drn_display
from documents.models import CaseDocument, DocumentOrigin, IssuedKind
from documents.services import document_issue
from filing.services.filings import DocumentToFile, filing_submit
from messaging.box_services import case_direction_send, message_mark_read
from messaging.models import MessageKind
from messaging.services import messages_deliver
from organizations.codes import organization_code_display, organization_code_new
from organizations.models import (
    Branch,
    DefaultOU,
    Organization,
    OrganizationStatus,
    OrganizationType,
)
from payments.services import deposit_top_up
from permissions.roles import OptionalRole, Role
from registration import services as registration
from registration.models import Application, DocumentKind

DEMO_PASSWORD = "Demo-Court-2026"
DEMO_PA = "pa00000001"
STAFF = [
    ("helpcentre", Role.HELP_CENTRE, "Wong", "Mei Ling"),
    ("vetting", Role.VETTING, "Chan", "Ka Wai"),
    ("registry", Role.REGISTRY, "Lee", "Siu Ming"),
    ("sysadmin", Role.SYSTEM_ADMIN, "Ho", "Wing Yan"),
]
DEMO_BARRISTER = "ou00000002"
DEMO_ORGANIZATION_LOGINS = [
    ("pa00000001", "Primary Administrator"),
    ("sa00000001", 'Secondary Administrator, with "To create SA Account"'),
    ("ou00000001", "Organization User (the default OU)"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# OPS-1: staff log in with a one-time code too. The demo staff share one authenticator key,
# printed with the logins, so that a reviewer adds it to an authenticator app once. Demo data
# only: real staff set up their own key at their first login, and it is never shown again.
DEMO_AUTHENTICATOR_KEY = b"iCMS-demo-key-only!!"


def _pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# Cases the court also titles in Chinese: Chinese pages show these titles.
CHINESE_TITLES = {
    "DCPI 1234/2025": "吳家豪 對 海港物流有限公司",
    "DCTC 88/2026": "稅務局局長 對 陳國榮",
}
# The parties' names in Chinese where the court has them: the Cause Book finds them by either.
CHINESE_NAMES = {
    "NG Ka Ho": "吳家豪",
    "Harbour Logistics Limited": "海港物流有限公司",
    "WONG Siu Ming": "王小明",
    "Commissioner of Inland Revenue": "稅務局局長",
    "CHAN Kwok Wing": "陳國榮",
}


class Command(BaseCommand):
    help = "Load demo logins and applications (developer machines only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for developer machines only (DJANGO_DEBUG=1).")
        with transaction.atomic():
            staff = {}
            for login_name, role, surname, given_name in STAFF:
                user, created = User.objects.get_or_create(
                    login_name=login_name,
                    defaults={
                        "role": role,
                        "surname": surname,
                        "given_name": given_name,
                        "email": f"{login_name}@judiciary.example",
                        "status": AccountStatus.ACTIVE,
                        "is_superuser": role == Role.SYSTEM_ADMIN,
                    },
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                    TOTPDevice.objects.create(
                        user=user,
                        name="Demo authenticator",
                        key=DEMO_AUTHENTICATOR_KEY.hex(),
                        confirmed=True,
                    )
                staff[role] = user
            # The registry's cases come first, as in court: an application that lists one of
            # them asks the registry to link it when its account opens (REG-9).
            if not Case.objects.exists():
                self._registry_cases(staff[Role.REGISTRY])
            if not Application.objects.exists():
                self._applications(staff)
            pa = User.objects.filter(login_name=DEMO_PA).select_related("organization").first()
            organization = pa.organization if pa else None
            if organization is not None:
                self._organization_accounts(organization, pa)
            iu = User.objects.filter(login_name="iu00000001").first()
            if organization is not None and iu is not None and not CaseLink.objects.exists():
                self._cases(staff[Role.REGISTRY], organization, pa, iu)
        iu = User.objects.filter(login_name="iu00000001").first()
        out = io.StringIO()
        out.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
        for login_name, role, *_ in STAFF:
            out.write(f"  {login_name:<12} {Role(role).label}\n")
        if iu:
            out.write(f"  {iu.login_name:<12} Individual User (litigant in person)\n")
        key = b32encode(DEMO_AUTHENTICATOR_KEY).decode()
        out.write(
            "Staff logins then ask for a one-time code. Add this key to an authenticator app\n"
            "once (time-based, 6 digits); it serves every staff login above:\n"
            f"  {' '.join(key[i : i + 4] for i in range(0, len(key), 4))}\n"
        )
        if organization is not None:
            code = organization_code_display(organization.code)
            out.write(f"Organization {organization.name}, Organization Code {code}:\n")
            for login_name, label in DEMO_ORGANIZATION_LOGINS:
                out.write(f"  {login_name:<12} {label}\n")
        bar = Organization.objects.filter(organization_type=OrganizationType.BAR_ASSOCIATION)
        bar = bar.order_by("pk").first()
        if bar is not None:
            code = organization_code_display(bar.code)
            out.write(f"Organization {bar.name}, Organization Code {code}:\n")
            out.write(
                f"  {DEMO_BARRISTER:<12} Barrister (an OU), briefed as counsel in DCPI 2051/2025\n"
            )
        if Case.objects.exists():
            out.write(
                f"Registry: {Case.objects.count()} cases (e.g. DCPI 1234/2025 of iu00000001; "
                "DCPI 2051/2025 of the organization, assigned to ou00000001), and requests to "
                "link waiting; directions in the Message Boxes of iu00000001 and ou00000001\n"
                "e-Filing: the organization's deposit account holds HK$5,000.00; a filing of "
                "ou00000001 waits in the registry's queue\n"
            )
        order = (
            CaseDocument.objects.filter(origin=DocumentOrigin.ISSUED, kind=IssuedKind.ORDER)
            .select_related("case")
            .order_by("pk")
            .first()
        )
        if order is not None:
            out.write(
                f"Public services (no login): the Cause Book at {reverse('hearings:cause_book')} "
                "(try the party name 吳家豪); "
                f"the order issued in {order.case.number} has DRN {drn_display(order.drn)}: "
                f"check it at {reverse('documents:drn_check')}, find it in the public search "
                f"at {reverse('inspection:search')}; iu00000001 downloads it from the case's "
                "documents (to check a copy by upload) and, on the case's page in My cases, "
                "applies for certification of a translation of it\n"
            )
        mail_dir = settings.MAILERS["default"].get("OPTIONS", {}).get("file_path", "the console")
        out.write(f"Emails are written to {mail_dir}\n")
        out.write(
            f"Open {settings.SITE_URL}/ (Traditional Chinese: {settings.SITE_URL}/zh-hant/)\n"
        )
        self.stdout.write(out.getvalue())

    def _organization_accounts(self, organization, pa):
        """Beside the demo organization's PA: a branch, an SA (who may create SAs) and an OU
        (its default OU), so that the organization's pages can be tried."""
        if Branch.objects.filter(organization=organization).exists():
            return
        branch = Branch.objects.create(organization=organization, code="CENTRAL", name="Central")
        end = local_today().replace(year=local_today().year + 1)
        accounts = {}
        for login_name, role, surname, given_name in [
            ("sa00000001", Role.SA, "Tsang", "Mei Kuen"),
            ("ou00000001", Role.OU, "Yip", "Chun Kit"),
        ]:
            user = User(
                login_name=login_name,
                role=role,
                organization=organization,
                branch=branch,
                effective_end_date=end,
                surname=surname,
                given_name=given_name,
                email=f"{login_name}@harbour-peak.example",
                phone="2525 0000",
                status=AccountStatus.ACTIVE,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            accounts[role] = user
        OptionalRoleGrant.objects.create(
            account=accounts[Role.SA], optional_role=OptionalRole.CREATE_SA, granted_by=pa
        )
        DefaultOU.objects.create(organization=organization, account=accounts[Role.OU])

    def _bar_association(self) -> User:
        """[A12]: the Hong Kong Bar Association's organization, with its PA and one barrister
        member's OU account (`DEMO_BARRISTER`), which the demo firm briefs as counsel."""
        bar = Organization.objects.create(
            code=organization_code_new(),
            name="Hong Kong Bar Association",
            organization_type=OrganizationType.BAR_ASSOCIATION,
            registration_document_type="OTHER",
            address="LG2, High Court, 38 Queensway, Hong Kong",
            status=OrganizationStatus.ACTIVE,
        )
        members = Branch.objects.create(organization=bar, code="MEMBERS", name="Members")
        barrister = None
        for login_name, role, surname, given_name in [
            ("pa00000002", Role.PA, "Lau", "Wai Man"),
            (DEMO_BARRISTER, Role.OU, "Kwok", "Hoi Yan"),
        ]:
            user = User(
                login_name=login_name,
                role=role,
                organization=bar,
                branch=None if role == Role.PA else members,
                surname=surname,
                given_name=given_name,
                email=f"{login_name}@hkba.example",
                phone="2869 0210",
                status=AccountStatus.ACTIVE,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            barrister = user
        return barrister

    def _registry_cases(self, registry):
        """The registry's cases (CASE-1), one of them on paper (DCCJ, no implementation
        notice, GEN-2)."""
        plaintiff, defendant = PartyType.PLAINTIFF, PartyType.DEFENDANT
        for number, title, parties in [
            (
                "DCPI 1234/2025",
                "NG Ka Ho v. Harbour Logistics Limited",
                [(plaintiff, "NG Ka Ho"), (defendant, "Harbour Logistics Limited")],
            ),
            (
                "DCPI 2051/2025",
                "WONG Siu Ming v. Peak Construction Company Limited",
                [(plaintiff, "WONG Siu Ming"), (defendant, "Peak Construction Company Limited")],
            ),
            (
                "DCPI 318/2026",
                "LAU Mei Ling v. Island Property Management Limited",
                [(plaintiff, "LAU Mei Ling"), (defendant, "Island Property Management Limited")],
            ),
            (
                "DCTC 88/2026",
                "Commissioner of Inland Revenue v. CHAN Kwok Wing",
                [(plaintiff, "Commissioner of Inland Revenue"), (defendant, "CHAN Kwok Wing")],
            ),
            (
                "DCCJ 4410/2025",
                "Kowloon Trading Company Limited v. YIP Wai Man",
                [(plaintiff, "Kowloon Trading Company Limited"), (defendant, "YIP Wai Man")],
            ),
            (
                "DCPI 777/2026",
                "TSANG Chi Keung v. Harbour Transport Limited",
                [(plaintiff, "TSANG Chi Keung"), (defendant, "Harbour Transport Limited")],
            ),
        ]:
            cases_registry.case_create(
                actor=registry,
                number=number,
                title=title,
                title_zh=CHINESE_TITLES.get(number, ""),
                parties=[
                    {"party_type": t, "position": 1, "name": n, "name_zh": CHINESE_NAMES.get(n, "")}
                    for t, n in parties
                ],
            )

    def _cases(self, registry, organization, pa, iu):
        """The links (CASE-3): the demo IU's listed case, as the registry accepts the request
        its application made; three cases of the demo organization, through the one function
        that links every route; and a Notice of Consent lodged online by the organization,
        waiting in the registry's queue."""
        plaintiff, defendant = PartyType.PLAINTIFF, PartyType.DEFENDANT
        cases = {case.number: case for case in Case.objects.all()}
        listed = CaseLinkRequest.objects.get(individual=iu, case=cases["DCPI 1234/2025"])
        link_request_accept(
            actor=registry,
            request_id=listed.pk,
            party_id=cases["DCPI 1234/2025"].parties.get(party_type=plaintiff).pk,
        )
        links = {}

        def party(number, party_type):
            return cases[number].parties.get(party_type=party_type, position=1)

        for number, party_type, route, holder in [
            (
                "DCPI 2051/2025",
                defendant,
                LinkRoute.NOTICE_OF_CONSENT,
                {"organization": organization},
            ),
            ("DCPI 318/2026", plaintiff, LinkRoute.FILING, {"organization": organization}),
            (
                "DCTC 88/2026",
                defendant,
                LinkRoute.NOTICE_OF_CONSENT,
                {"organization": organization},
            ),
        ]:
            links[number] = case_link_create(
                actor=registry,
                party=locked_party(party(number, party_type).pk),
                route=route,
                **holder,
            )
        # CASE-5, CASE-6: the PA gives the SA the Tax Claims by case profile and assigns one
        # case to the OU; DCPI 318/2026 stays unassigned, so its messages go to the default OU.
        sa = User.objects.get(login_name="sa00000001")
        ou = User.objects.get(login_name="ou00000001")
        case_profile_assignment_create(actor=pa, administrator_id=sa.pk, proceeding_type="DCTC")
        case_assignment_create(
            actor=pa, link_id=links["DCPI 2051/2025"].pk, organization_user_id=ou.pk
        )
        # [A12]: ou00000001 briefs a barrister of the Bar Association's organization.
        counsel_instruct(
            actor=ou,
            link_id=links["DCPI 2051/2025"].pk,
            login_name=self._bar_association().login_name,
        )
        CaseLinkRequest.objects.create(
            case=cases["DCPI 777/2026"],
            route=LinkRoute.NOTICE_OF_CONSENT,
            organization=organization,
            party_type=plaintiff,
            party_name="TSANG Chi Keung",
            channel=LodgementChannel.ONLINE,
            received_on=local_today(),
            lodged_by=pa,
        )
        self._messages(registry, cases, iu, ou)
        self._filings(registry, organization, cases, ou)
        self._hearings(registry, cases)
        self._issued_documents(registry, cases)

    def _issued_documents(self, registry, cases):
        """SVC-5, SVC-2, SVC-6: the court issues an order in DCPI 1234/2025 (open to public
        inspection, as the court's orders are) and a direction in DCPI 2051/2025 (for the
        parties only), each stamped with its DRN and QR code, so that the public check, the
        public document search and a translation's certification have something to work on."""
        issued = [
            (
                "DCPI 1234/2025",
                IssuedKind.ORDER,
                "Order for directions",
                "1. The plaintiff shall file and serve a list of documents within 14 days.\n"
                "2. The case management conference is adjourned to a date to be fixed.\n"
                "3. Costs in the cause.",
            ),
            (
                "DCPI 2051/2025",
                IssuedKind.DIRECTION,
                "Direction on the exchange of witness statements",
                "The parties shall exchange their witness statements within 28 days.",
            ),
        ]
        for number, kind, title, text in issued:
            document_issue(
                actor=registry,
                case_id=cases[number].pk,
                kind=kind,
                title=title,
                method="COMPOSED",
                text=text,
            )

    def _hearings(self, registry, cases):
        """SVC-3, BEY-6: a dozen hearings over the next days in the Cause Book, one in chambers
        (listed only in the parties' calendars). The parties with Chinese names (CHINESE_NAMES)
        are found by them too: try "吳家豪"."""
        from datetime import timedelta

        from hearings.services import hearing_create

        judges = [
            ("HH Judge LEE", "李法官"),
            ("HH Judge WONG", "黃法官"),
            ("HH Judge HO", "何法官"),
        ]
        listings = [
            (0, "09:30", "DCPI 1234/2025", "MENTION", 0),
            (0, "10:00", "DCPI 2051/2025", "CMC", 0),
            (0, "14:30", "DCTC 88/2026", "TRIAL", 1),
            (1, "09:30", "DCPI 318/2026", "PTR", 2),
            (1, "11:00", "DCCJ 4410/2025", "MENTION", 1),
            (1, "15:00", "DCPI 777/2026", "CHAMBERS", 2),
            (2, "09:30", "DCPI 1234/2025", "CMC", 0),
            (2, "10:30", "DCTC 88/2026", "TRIAL", 1),
            (3, "09:30", "DCPI 2051/2025", "TRIAL", 0),
            (3, "14:30", "DCPI 318/2026", "MENTION", 2),
            (4, "10:00", "DCCJ 4410/2025", "JUDGMENT", 1),
            (5, "09:30", "DCPI 1234/2025", "TRIAL", 0),
        ]
        for days, time, number, kind, judge in listings:
            hearing_create(
                actor=registry,
                date=local_today() + timedelta(days=days),
                start_time=time,
                court="District Court",
                courtroom=f"Court {21 + judge}",
                judge_en=judges[judge][0],
                judge_zh=judges[judge][1],
                case_number=number,
                hearing_type=kind,
                public=True,
            )

    def _filings(self, registry, organization, cases, ou):
        """SVC-1, SVC-4: the organization's deposit account holds HK$5,000.00 (a top-up the
        registry recorded), and ou00000001 has filed a List of Documents in DCPI 2051/2025,
        waiting in the registry's queue."""
        deposit_top_up(
            actor=registry,
            organization_code=organization.code,
            amount="5000.00",
            reference="CHEQUE 004512",
            reasons="Cheque received at the District Court Registry",
        )
        made = FPDF(unit="mm")
        made.set_font("helvetica", size=12)
        made.add_page()
        made.cell(0, 10, "List of Documents of the Defendant")
        filing_submit(
            actor=ou,
            case_number=cases["DCPI 2051/2025"].number,
            documents=[
                DocumentToFile(
                    "LOD",
                    SimpleUploadedFile(
                        "list-of-documents.pdf", bytes(made.output()), "application/pdf"
                    ),
                )
            ],
        )

    def _messages(self, registry, cases, iu, ou):
        """MSG-1: the registry's directions reach iu00000001 (DCPI 1234/2025) and ou00000001
        (DCPI 2051/2025, assigned to it); an iCMS notice reaches both; one message read."""
        first = case_direction_send(
            actor=registry,
            case_id=cases["DCPI 1234/2025"].pk,
            subject="Directions for the case management conference",
            body=(
                "The parties shall file and serve their witness statements within 28 days.\n"
                "The case management conference is fixed for a date to be notified."
            ),
        )
        case_direction_send(
            actor=registry,
            case_id=cases["DCPI 2051/2025"].pk,
            subject="指示：提交文件清單",
            body="雙方須於十四天內提交及送達文件清單。",
        )
        messages_deliver(
            recipients=[iu, ou],
            kind=MessageKind.NOTICE,
            subject="Planned maintenance of the portal",
            body="The portal will be unavailable on Sunday from 02:00 to 06:00 for maintenance.",
        )
        message_mark_read(actor=iu, message_id=first.messages[0].pk)

    def _applications(self, staff):
        def apply(surname, given, hkid, email, cases, **kw):
            return registration.application_submit(
                particulars={
                    "surname": surname,
                    "given_name": given,
                    "id_document_type": "HKID",
                    "id_document_number": hkid,
                    "address": "Flat A, 10/F, 1 Queen's Road, HK",
                    "phone": "(852) 9123-4567",
                    "email": email,
                    "language": kw.pop("language", "en"),
                },
                cases=cases,
                documents=[(DocumentKind.PROOF_OF_INVOLVEMENT, _pdf("writ.pdf"))],
                **kw,
            )

        plaintiff = [{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]
        apply("Cheung", "Tai Man", "A1234563", "cheung@example.com", plaintiff)
        apply(
            "陳",
            "大文",
            "B2345671",
            "chan@example.com",
            [{"case_number": "DCTC 88/2026", "party_type": "DEFENDANT"}],
            language="zh-hant",
        )
        waiting = apply("Lam", "Siu Fong", "C345678A", "lam@example.com", plaintiff)
        registration.application_mark_in_order(actor=staff[Role.VETTING], application_id=waiting.pk)
        active = apply("Ng", "Ka Ho", "D4567898", "ng@example.com", plaintiff)
        registration.application_mark_in_order(actor=staff[Role.VETTING], application_id=active.pk)
        registration.identity_authentication_record(
            actor=staff[Role.HELP_CENTRE],
            application_id=active.pk,
            counter="HELP_CENTRE",
            mode="IN_PERSON",
            presented_document_type="HKID",
            presented_document_number="D4567898",
        )
        active.refresh_from_db()
        user = active.account
        # A fixed, memorable login name for the demo IU account.
        User.objects.filter(pk=user.pk).update(login_name="iu00000001")
        user.refresh_from_db()
        user.set_password(DEMO_PASSWORD)
        user.status = AccountStatus.ACTIVE
        user.save()
        self._organization(staff)

    def _organization(self, staff):
        """An organization with an active PA, through the real PA application (REG-7) and
        identity authentication (IDA-4, AUTH-2)."""
        application = registration.application_submit(
            particulars={
                "surname": "Leung",
                "given_name": "Ka Yan",
                "id_document_type": "HKID",
                "id_document_number": "E5678904",
                "address": "Room 1601, 16/F, Alexandra House, 18 Chater Road, Central",
                "phone": "(852) 2521-1234",
                "email": "leung.pa@harbour-peak.example",
                "language": "en",
                "organization_name": "Harbour & Peak Solicitors",
                "organization_type": "LAW_FIRM",
                "organization_registration_document_type": "BR",
                "organization_registration_document_number": "61234567",
                "organization_address": "16/F, Alexandra House, 18 Chater Road, Central",
            },
            cases=[{"case_number": "HCA 1234/2025", "party_type": "DEFENDANT"}],
            documents=[
                (DocumentKind.AUTHORIZATION_LETTER, _pdf("resolution.pdf")),
                (DocumentKind.ORGANIZATION_STATUS_PROOF, _pdf("br-certificate.pdf")),
            ],
            application_type="PA",
        )
        registration.application_mark_in_order(
            actor=staff[Role.VETTING], application_id=application.pk
        )
        registration.identity_authentication_record(
            actor=staff[Role.HELP_CENTRE],
            application_id=application.pk,
            counter="HELP_CENTRE",
            mode="IN_PERSON",
            presented_document_type="HKID",
            presented_document_number="E5678904",
        )
        application.refresh_from_db()
        pa = application.account
        User.objects.filter(pk=pa.pk).update(login_name=DEMO_PA)
        pa.refresh_from_db()
        pa.set_password(DEMO_PASSWORD)
        pa.status = AccountStatus.ACTIVE
        pa.save()
        organization = application.organization
        organization.status = OrganizationStatus.ACTIVE
        organization.save(update_fields=["status"])
