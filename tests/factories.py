"""Factories for the test suite. Applications are made through the real service so that every
test starts from a state the portal itself can reach."""

import hashlib
import hmac
import itertools
from base64 import b32decode

import factory
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.identity import hkid_check_digit
from accounts.models import AccountStatus, User
from accounts.services.login import api_token_issue
from cases.models import (
    Case,
    CaseAssignment,
    CaseLink,
    CaseLinkRequest,
    CaseParty,
    LinkRoute,
    NoticeOfChange,
    PartyType,
    ProceedingType,
)
from cases.services.registry import case_search_names_refresh
from core.workdays import local_today
from organizations.codes import organization_code_new
from organizations.models import (
    Branch,
    Organization,
    OrganizationStatus,
    OrganizationType,
    RegistrationDocumentType,
)
from permissions.roles import Role
from registration import services
from registration.models import Channel, DocumentKind

PASSWORD = "Correct-Horse-42"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_serial = itertools.count(100001)


def api_as(user, *, default_format: str | None = None) -> APIClient:
    """An API client with a bearer token of `user`'s, as the API's own login gives one;
    sending bodies as `default_format` ("json") unless a call says otherwise."""
    client = APIClient()
    key, _token = api_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    if default_format:
        client.default_format = default_format
    return client


def new_hkid() -> str:
    """A fresh, valid Hong Kong Identity Card number."""
    digits = f"{next(_serial):06d}"
    return f"K{digits}{hkid_check_digit('K', digits)}"


def pdf(name="proof.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    login_name = factory.Sequence(lambda n: f"iu{90000000 + n}")
    role = Role.IU
    status = AccountStatus.ACTIVE
    surname = "Chan"
    given_name = "Tai Man"
    email = factory.Sequence(lambda n: f"holder{n}@example.com")
    phone = "(852) 2477-1002"
    id_document_type = "HKID"
    id_document_number = factory.LazyFunction(new_hkid)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


def authenticator_key(login_name: str) -> str:
    """A known TOTP key per staff member (hex, 20 bytes), as their authenticator app holds it."""
    return hashlib.sha1(f"authenticator:{login_name}".encode()).hexdigest()


class StaffFactory(UserFactory):
    """A court officer with an authenticator app already set up (OPS-1); with
    `second_factor=False`, one who has not, whose next login enrols one."""

    login_name = factory.Sequence(lambda n: f"staff{n}")
    role = Role.VETTING
    id_document_type = ""
    id_document_number = ""

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            authenticator_of(obj)


def authenticator_of(user) -> TOTPDevice:
    """The staff member's confirmed authenticator, set up with the known key if none is."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user,
            name="Authenticator app",
            key=authenticator_key(user.login_name),
            confirmed=True,
        )
    return device


def one_time_code(user=None, *, device=None, key: str | None = None) -> str:
    """The code the staff member's authenticator app shows now (or that of `device`, or of a
    base32 `key` as shown on the enrolment page). TOTPDevice refuses a time step at or before
    the last one it accepted, so a second login within the same 30 seconds uses the next
    step, which its tolerance lets through."""
    if key is not None:
        secret = "".join(key.split())
        return f"{TOTP(b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"
    device = device or TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), device.last_t + 1)
    assert step <= totp.t() + device.tolerance, "no unused code within the tolerance yet"
    return f"{hotp(device.bin_key, step, device.digits):0{device.digits}d}"


def wrong_code(user) -> str:
    """Six digits that no step the staff member's authenticator could be at accepts."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    reach = device.tolerance + 2
    valid = {hotp(device.bin_key, t, device.digits) for t in range(now - reach, now + reach + 1)}
    return next(f"{n:06d}" for n in range(10**6) if n not in valid)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = factory.LazyFunction(organization_code_new)
    name = factory.Sequence(lambda n: f"Firm {n} & Co.")
    organization_type = OrganizationType.LAW_FIRM
    registration_document_type = RegistrationDocumentType.BUSINESS_REGISTRATION
    registration_document_number = factory.Sequence(lambda n: f"{30000000 + n}")
    address = "Room 1201, 12/F, Prince's Building, 10 Chater Road, Central, Hong Kong"
    # In service: it has an active PA (ORG-8).
    status = OrganizationStatus.ACTIVE


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"BR{n:03d}")


class OrganizationAccountFactory(UserFactory):
    """A PA, SA or OU account of an organization; SA and OU belong to a branch (ORG-2)."""

    login_name = factory.Sequence(lambda n: f"ou{91000000 + n}")
    role = Role.OU
    organization = factory.SubFactory(OrganizationFactory)
    branch = factory.LazyAttribute(
        lambda o: None if o.role == Role.PA else BranchFactory(organization=o.organization)
    )
    id_document_type = ""
    id_document_number = ""


def particulars(**overrides) -> dict:
    values = {
        "surname": "Chan",
        "given_name": "Tai Man",
        "id_document_type": "HKID",
        "id_document_number": new_hkid(),
        "address": "Flat A, 10/F, 1 Queen's Road Central, Hong Kong",
        "phone": "(852) 2477-1002",
        "email": "chan.taiman@example.com",
        "language": "en",
    }
    values.update(overrides)
    return values


# IDA-1: the Help Centre and the seven Magistrates' Courts general offices, as people know them.
COUNTER_TOWNS = [
    "Help Centre",
    "Eastern",
    "Kowloon City",
    "Kwun Tong",
    "West Kowloon",
    "Fanling",
    "Shatin",
    "Tuen Mun",
]

CASES = [{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]


def submit_application(**overrides):
    """An online IU application, through the real service. A paper one (`channel`) is
    received today unless `received_on` says otherwise."""
    if overrides.get("channel", Channel.ONLINE) != Channel.ONLINE:
        overrides.setdefault("received_on", local_today())
    return services.application_submit(
        particulars=particulars(**overrides.pop("particulars", {})),
        cases=overrides.pop("cases", CASES),
        documents=overrides.pop("documents", None) or [(DocumentKind.PROOF_OF_INVOLVEMENT, pdf())],
        **overrides,
    )


def keyed_hash(value: str, purpose: str) -> str:
    """How a one-time code must be stored, computed independently of accounts/secrets.py:
    HMAC-SHA256 of its letters and digits, keyed with a digest of the purpose and secret key."""
    key = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum())
    return hmac.new(key, cleaned.encode(), hashlib.sha256).hexdigest()


def in_person_authentication(application) -> dict:
    """What a counter officer records for an applicant who came in person with the right
    document (IDA-2)."""
    return {
        "counter": "HELP_CENTRE",
        "mode": "IN_PERSON",
        "presented_document_type": application.id_document_type,
        "presented_document_number": application.id_document_number,
    }


# AUTH-4: what the Help Centre officer records when starting a reset asked for by email.
RESET_REQUEST = {
    "channel": "EMAIL",
    "identity_check": "PARTICULARS_MATCHED",
    "identity_note": "Name, document number and telephone number matched",
}


# --- organization accounts: the PA's application (REG-7) and its replacement (ORG-8) -----------


def organization_particulars(**overrides) -> dict:
    """REG-7: the organization's particulars and its PA's own (REG-2)."""
    values = particulars(
        surname="Lee",
        given_name="Ka Yan",
        email="lee.kayan@example.com",
        organization_name="Harbour & Peak Solicitors",
        organization_type="LAW_FIRM",
        organization_registration_document_type="BR",
        organization_registration_document_number=f"{next(_serial) + 60000000}",
        organization_address="Room 1601, 16/F, Alexandra House, 18 Chater Road, Central",
    )
    values.update(overrides)
    return values


def pa_documents(*, involvement: bool = False) -> list:
    """REG-4 [A23]: the authorization and the proof of status (and proof of involvement)."""
    documents = [
        (DocumentKind.AUTHORIZATION_LETTER, pdf("resolution.pdf")),
        (DocumentKind.ORGANIZATION_STATUS_PROOF, pdf("br-certificate.pdf")),
    ]
    if involvement:
        documents.append((DocumentKind.PROOF_OF_INVOLVEMENT, pdf("writ.pdf")))
    return documents


def submit_pa_application(**overrides):
    """An online PA application for a law firm (exempt from proof of involvement), through the
    real service."""
    if overrides.get("channel", Channel.ONLINE) != Channel.ONLINE:
        overrides.setdefault("received_on", local_today())
    return services.application_submit(
        particulars=organization_particulars(**overrides.pop("particulars", {})),
        cases=overrides.pop("cases", []),
        documents=overrides.pop("documents", None) or pa_documents(),
        application_type="PA",
        **overrides,
    )


def submit_replacement_application(organization, **overrides):
    """ORG-8: the organization asks for a replacement PA, through the real service."""
    values = particulars(
        surname="Ho",
        given_name="Wing Sze",
        email="ho.wingsze@example.com",
        organization_code=organization.code,
        organization_name=organization.name,
        replacement_reasons="Our Primary Administrator has left the firm.",
    )
    values.update(overrides.pop("particulars", {}))
    return services.application_submit(
        particulars=values,
        cases=[],
        documents=overrides.pop("documents", None)
        or [(DocumentKind.AUTHORIZATION_LETTER, pdf("resolution.pdf"))],
        application_type="PA_REPLACEMENT",
        **overrides,
    )


def authenticated(application, *, vetting_officer, help_centre_officer):
    """Mark in order and authenticate in person: the account opens (IDA-4)."""
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    return services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        **in_person_authentication(application),
    )


class ApiOnlyAccountFactory(OrganizationAccountFactory):
    """An organization account that acts only through API tokens: no password is hashed, so
    that tests making many accounts (the role matrix, the limits) do not spend minutes on
    Argon2."""

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_unusable_password()
        if create:
            obj.save(update_fields=["password"])


# --- cases ---------------------------------------------------------------------------------------
# The proceeding types come from the seed migration: DCPI and DCTC are e-enabled from
# 2022-05-06 (GEN-2), DCCJ and HCA are not.


def proceeding_type(code: str = "DCPI") -> ProceedingType:
    return ProceedingType.objects.get(code=code)


class CaseFactory(factory.django.DjangoModelFactory):
    """An on-going case with a plaintiff and a defendant (`case.parties`)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    class Params:
        type_code = "DCPI"

    proceeding_type = factory.LazyAttribute(lambda o: proceeding_type(o.type_code))
    # Serials from 20000: clear of the numbers tests write out (DCPI 1234/2025, the demo's).
    number = factory.LazyAttributeSequence(lambda o, n: f"{o.type_code} {20000 + n}/2025")
    title = factory.Sequence(lambda n: f"CHAN Tai Man v. LEE Ka Yan ({n})")

    @factory.post_generation
    def parties(case, create, extracted, **kwargs):
        if not create:
            return
        for party_type, name in extracted or [
            (PartyType.PLAINTIFF, "CHAN Tai Man"),
            (PartyType.DEFENDANT, "LEE Ka Yan"),
        ]:
            CaseParty.objects.create(case=case, party_type=party_type, name=name)
        # The Cause Book's search reads the names as the registry's services keep them.
        case_search_names_refresh(case.pk)
        case.refresh_from_db(fields=["search_names"])


def party_of(case: Case, party_type: str = PartyType.PLAINTIFF) -> CaseParty:
    return case.parties.get(party_type=party_type, position=1)


class CaseLinkFactory(factory.django.DjangoModelFactory):
    """A current link of an organization (or, with `individual=`, an IU) to a case's
    plaintiff. Made directly: the routes that make links are tested through the services."""

    class Meta:
        model = CaseLink

    case = factory.SubFactory(CaseFactory)
    party = factory.LazyAttribute(lambda o: party_of(o.case))
    organization = factory.SubFactory(OrganizationFactory)
    individual = None
    route = LinkRoute.NOTICE_OF_CONSENT


class CaseAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseAssignment

    link = factory.SubFactory(CaseLinkFactory)
    organization = factory.LazyAttribute(lambda o: o.link.organization)
    organization_user = factory.LazyAttribute(
        lambda o: OrganizationAccountFactory(role=Role.OU, organization=o.link.organization)
    )


# --- CASE-3 (a), (b), BEY-1: what holders lodge for the registry ----------------------------------


class CaseLinkRequestFactory(factory.django.DjangoModelFactory):
    """A pending request to link an IU (or, with `organization=`, an organization) to a case:
    by default a case listed in an approved application (CASE-3 (a)), made at account
    opening; made directly here, as that step is tested with the accounts."""

    class Meta:
        model = CaseLinkRequest

    route = LinkRoute.APPLICATION
    case = factory.SubFactory(CaseFactory)
    party_type = PartyType.PLAINTIFF
    party_name = "CHAN Tai Man"
    individual = factory.LazyAttribute(lambda o: None if o.organization else UserFactory())
    organization = None
    received_on = factory.LazyFunction(local_today)


class NoticeOfChangeFactory(factory.django.DjangoModelFactory):
    """A pending Notice of Change lodged online by an incoming organization (BEY-1)."""

    class Meta:
        model = NoticeOfChange

    case = factory.SubFactory(CaseFactory)
    party_type = PartyType.PLAINTIFF
    party_name = "CHAN Tai Man"
    incoming_organization = factory.SubFactory(OrganizationFactory)
    received_on = factory.LazyFunction(local_today)


# --- case assignment (CASE-5..7, BEY-5) ---------------------------------------------------------


def optional_role_given(account, optional_role: str, *, by) -> None:
    from accounts.models import OptionalRoleGrant

    OptionalRoleGrant.objects.create(account=account, optional_role=optional_role, granted_by=by)


def organization_with_cases(*, accounts=None, name: str | None = None):
    """An organization in service with branches CENTRAL and KOWLOON; its PA; SAs of CENTRAL
    without optional roles (`sa`), with "To link-up case to OU Accounts (same branch)"
    (`sa_same`) and "(all branches)" (`sa_all`), and an SA of KOWLOON (`sa_kowloon`); OUs
    `ou` (CENTRAL, the default OU), `ou2` (CENTRAL) and `ou_kowloon`; and a DCPI case whose
    plaintiff the organization represents (`link`). `accounts` makes the accounts (the
    default makes them without a password, for speed)."""
    from types import SimpleNamespace

    from organizations.models import DefaultOU

    make = accounts or ApiOnlyAccountFactory
    organization = OrganizationFactory(**({"name": name} if name else {}))
    central = BranchFactory(organization=organization, code="CENTRAL")
    kowloon = BranchFactory(organization=organization, code="KOWLOON")
    pa = make(organization=organization, role=Role.PA, branch=None, surname="Wong")
    world = SimpleNamespace(
        organization=organization,
        central=central,
        kowloon=kowloon,
        pa=pa,
        sa=make(organization=organization, role=Role.SA, branch=central, surname="Lam"),
        sa_same=make(organization=organization, role=Role.SA, branch=central, surname="Ho"),
        sa_all=make(organization=organization, role=Role.SA, branch=central, surname="Yip"),
        sa_kowloon=make(organization=organization, role=Role.SA, branch=kowloon, surname="Tse"),
        ou=make(organization=organization, branch=central, surname="Cheung"),
        ou2=make(organization=organization, branch=central, surname="Leung"),
        ou_kowloon=make(organization=organization, branch=kowloon, surname="Fung"),
    )
    optional_role_given(world.sa_same, "link_same_branch", by=pa)
    optional_role_given(world.sa_all, "link_all_branches", by=pa)
    DefaultOU.objects.create(organization=organization, account=world.ou)
    world.link = CaseLinkFactory(organization=organization)
    world.case = world.link.case
    return world


def cases_linked_in_bulk(
    count: int,
    *,
    organization=None,
    individual=None,
    assign_to=(),
    type_code: str = "DCPI",
    year: int = 2024,
    start: int = 1,
) -> list[CaseLink]:
    """`count` on-going cases, each with a plaintiff and a defendant, the plaintiff linked to
    `organization` or `individual` and assigned to the OUs `assign_to`; numbered
    "<type_code> <start...>/<year>", oldest link first. Made in a few bulk inserts, so that
    tests can hold hundreds of cases."""
    kind = proceeding_type(type_code)
    cases = Case.objects.bulk_create(
        Case(number=f"{type_code} {start + i}/{year}", proceeding_type=kind, title=f"Bulk {i}")
        for i in range(count)
    )
    CaseParty.objects.bulk_create(
        CaseParty(case=case, party_type=party_type, name=name)
        for case in cases
        for party_type, name in (
            (PartyType.PLAINTIFF, "CHAN Tai Man"),
            (PartyType.DEFENDANT, "LEE Ka Yan"),
        )
    )
    plaintiffs = dict(
        CaseParty.objects.filter(case__in=cases, party_type=PartyType.PLAINTIFF).values_list(
            "case_id", "pk"
        )
    )
    links = CaseLink.objects.bulk_create(
        CaseLink(
            case=case,
            party_id=plaintiffs[case.pk],
            organization=organization,
            individual=individual,
            route=LinkRoute.NOTICE_OF_CONSENT,
        )
        for case in cases
    )
    CaseAssignment.objects.bulk_create(
        CaseAssignment(link=link, organization=organization, organization_user=ou)
        for link in links
        for ou in assign_to
    )
    return links


class ApiOnlyUserFactory(UserFactory):
    """An IU account with no usable password, for tests that log in with `force_login` and
    make many accounts (the case access table): no Argon2 hashing."""

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_unusable_password()
        if create:
            obj.save(update_fields=["password"])
