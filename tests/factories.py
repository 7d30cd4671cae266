"""Factories for the test suite. Applications are made through the real service so that every
test starts from a state the portal itself can reach."""

import hashlib
import hmac
import itertools

import factory
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.identity import hkid_check_digit
from accounts.models import AccountStatus, User
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


class StaffFactory(UserFactory):
    login_name = factory.Sequence(lambda n: f"staff{n}")
    role = Role.VETTING
    id_document_type = ""
    id_document_number = ""


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


class ApiOnlyAccountFactory(OrganizationAccountFactory):
    """An organization account that acts only through API tokens: no password is hashed, so
    that tests making many accounts (the role matrix, the limits) do not spend minutes on
    Argon2."""

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_unusable_password()
        if create:
            obj.save(update_fields=["password"])
