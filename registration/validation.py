"""Reading what an applicant sent: particulars, cases, documents. Each function adds its
complaints to `errors` (field -> messages) and returns the cleaned values; the services
refuse the whole request when any complaint was made (NFR-4)."""

import re
import unicodedata
from datetime import date, datetime

from django.core.validators import EmailValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.identity import (
    ID_DOCUMENT_NUMBER_CHARACTERS,
    hkid_is_valid,
    id_document_number_is_plain,
    normalize_id_document_number,
)
from accounts.matching import PHONE_PROBLEM, phone_is_well_formed
from accounts.models import IdentityDocumentType, Language
from cases.numbers import normalize_case_number
from core import policy
from core.text import is_blank, text_problem
from core.uploads import inspect_upload
from core.workdays import local_today
from organizations.models import OrganizationType, RegistrationDocumentType
from registration.models import DocumentKind, Eligibility, PartyType

# The shape of a Hong Kong Identity Card number once normalized: one or two letters, six
# digits and the check digit (0-9 or A). A number of this shape may still have a wrong check
# digit, which is a different mistake (a misread digit) and gets its own message.
HKID_SHAPE_RE = re.compile(r"^[A-Z]{1,2}[0-9]{6}[0-9A]$")
# GEN-6: the Help Centre officer keying in a paper application reads the same complaints as
# an applicant online, worded about the applicant instead of to them.
_TO_THE_APPLICANT = {
    "surname": _("your surname"),
    "given_name": _("your given name"),
    "address": _("your address"),
    "phone": _("your telephone number"),
    "email": _("your email address"),
    "eligibility": _("Choose who you are in the proceedings."),
    "eligibility_reason": _("Explain why you should be registered although you are not a party."),
    "party_type": _("Choose your party type in this case."),
    "must_be_not_a_party": _(
        "You are applying as another person with good reason: choose the party "
        "type “%(not_a_party)s”."
    ),
    "may_not_be_not_a_party": _(
        "A party acting in person chooses the party type in this case. If you are "
        "not a party, apply as another person with good reason and give the reason."
    ),
    "no_case": _(
        "List at least one court case and your party type in it, or apply as a "
        "prospective litigant with a draft originating document."
    ),
}
_ABOUT_THE_APPLICANT = {
    "surname": _("the applicant's surname"),
    "given_name": _("the applicant's given name"),
    "address": _("the applicant's address"),
    "phone": _("the applicant's telephone number"),
    "email": _("the applicant's email address"),
    "eligibility": _("Choose who the applicant is in the proceedings."),
    "eligibility_reason": _("Enter the applicant's reason for registering although not a party."),
    "party_type": _("Choose the applicant's party type in this case."),
    "must_be_not_a_party": _(
        "The applicant applies as another person with good reason: choose the party "
        "type “%(not_a_party)s”."
    ),
    "may_not_be_not_a_party": _(
        "A party acting in person chooses the party type in this case. If the applicant "
        "is not a party, choose “another person with good reason” and enter the reason."
    ),
    "no_case": _(
        "List at least one court case and the applicant's party type in it, or mark the "
        "applicant as a prospective litigant and attach a draft originating document."
    ),
}


def wording(keyed_in: bool) -> dict:
    """The complaints' wording: to the applicant online, or about the applicant for the
    officer who keys in a paper application."""
    return _ABOUT_THE_APPLICANT if keyed_in else _TO_THE_APPLICANT


def clean_particulars(data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
    words = wording(keyed_in)

    def text(name, label, max_length=100, *, checked=False, multiline=False):
        value = (data.get(name) or "").strip()
        problem = text_problem(value, multiline=multiline) if checked else None
        if is_blank(value):
            errors.setdefault(name, []).append(_("Enter %(field)s.") % {"field": label})
        elif problem:
            errors.setdefault(name, []).append(problem)
        elif len(value) > max_length:
            errors.setdefault(name, []).append(
                _("%(field)s must be at most %(n)d characters.")
                % {"field": capfirst(label), "n": max_length}
            )
        return value

    p = {
        "surname": text("surname", words["surname"], checked=True),
        "given_name": text("given_name", words["given_name"], checked=True),
        "address": text("address", words["address"], 500, checked=True, multiline=True),
        "phone": text("phone", words["phone"], 40),
        "email": text("email", words["email"], 254).lower(),
        "id_document_type": (data.get("id_document_type") or "").strip(),
        "id_document_number": normalize_id_document_number(data.get("id_document_number") or ""),
        "language": data.get("language") or Language.EN,
        "eligibility": data.get("eligibility") or Eligibility.PARTY,
        "eligibility_reason": (data.get("eligibility_reason") or "").strip(),
    }
    if p["eligibility"] not in Eligibility.values:
        errors.setdefault("eligibility", []).append(words["eligibility"])
    elif p["eligibility"] == Eligibility.OTHER and not p["eligibility_reason"]:
        # REG-1: the vetting officer decides on the reason given.
        errors.setdefault("eligibility_reason", []).append(words["eligibility_reason"])
    elif p["eligibility"] == Eligibility.PARTY:
        p["eligibility_reason"] = ""
    if p["id_document_type"] not in IdentityDocumentType.values:
        errors.setdefault("id_document_type", []).append(
            _("Choose the type of identification document.")
        )
    if not p["id_document_number"]:
        errors.setdefault("id_document_number", []).append(
            _("Enter the identification document number.")
        )
    elif not id_document_number_is_plain(p["id_document_number"]):
        errors.setdefault("id_document_number", []).append(ID_DOCUMENT_NUMBER_CHARACTERS)
    elif p["id_document_type"] == IdentityDocumentType.HKID and not HKID_SHAPE_RE.match(
        p["id_document_number"]
    ):
        errors.setdefault("id_document_number", []).append(
            _(
                "Enter a Hong Kong Identity Card number in the form A123456(3): one or two "
                "letters, six digits and the check digit."
            )
        )
    elif p["id_document_type"] == IdentityDocumentType.HKID and not hkid_is_valid(
        p["id_document_number"]
    ):
        errors.setdefault("id_document_number", []).append(
            _(
                "The check digit (in brackets) does not match the rest of the Hong Kong "
                "Identity Card number. Check the number against the card."
            )
        )
    if p["phone"] and not phone_is_well_formed(p["phone"]):
        errors.setdefault("phone", []).append(PHONE_PROBLEM)
    if p["email"]:
        try:
            EmailValidator()(p["email"])
        except Exception:
            errors.setdefault("email", []).append(_("Enter a valid email address."))
    if p["language"] not in Language.values:
        p["language"] = Language.EN
    return p


def text_or_none(value) -> str | None:
    """A value sent as text, stripped; "" when absent; None when it is not text at all."""
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else None


def normalize_registration_document_number(value: str) -> str:
    """An organization's registration document number as kept: upper case, no spaces."""
    text = unicodedata.normalize("NFKC", value or "").upper()
    return "".join(text.split())


def clean_organization_particulars(data: dict, errors: dict) -> dict:
    """REG-7 [A22]: the organization's name, type, registration document type and number,
    and address. The number may be left out only for a government department or public body,
    which has no registration."""

    def text(name, label, max_length, *, multiline=False):
        value = (data.get(name) or "").strip()
        problem = text_problem(value, multiline=multiline)
        if is_blank(value):
            errors.setdefault(name, []).append(_("Enter %(field)s.") % {"field": label})
        elif problem:
            errors.setdefault(name, []).append(problem)
        elif len(value) > max_length:
            errors.setdefault(name, []).append(
                _("%(field)s must be at most %(n)d characters.")
                % {"field": capfirst(label), "n": max_length}
            )
        return value

    p = {
        "organization_name": text("organization_name", _("the organization's name"), 200),
        "organization_type": (data.get("organization_type") or "").strip(),
        "organization_registration_document_type": (
            data.get("organization_registration_document_type") or ""
        ).strip(),
        "organization_registration_document_number": normalize_registration_document_number(
            data.get("organization_registration_document_number") or ""
        ),
        "organization_address": text(
            "organization_address", _("the organization's address"), 500, multiline=True
        ),
    }
    if p["organization_type"] not in OrganizationType.values:
        errors.setdefault("organization_type", []).append(_("Choose the type of organization."))
    doc_type = p["organization_registration_document_type"]
    number = p["organization_registration_document_number"]
    if doc_type not in RegistrationDocumentType.values:
        errors.setdefault("organization_registration_document_type", []).append(
            _("Choose the type of the organization's registration document.")
        )
    elif not number and doc_type != RegistrationDocumentType.GOVERNMENT:
        errors.setdefault("organization_registration_document_number", []).append(
            _("Enter the number of the organization's registration document.")
        )
    if number and (len(number) > 40 or not all(ch.isalnum() or ch in "-/()." for ch in number)):
        errors.setdefault("organization_registration_document_number", []).append(
            _(
                "Enter the registration document number as printed: letters, digits and "
                "- / ( ) . only, at most 40 characters."
            )
        )
    return p


def clean_replacement_reasons(data: dict, errors: dict) -> str:
    """ORG-8 [A51]: why the organization wants a new PA."""
    value = (data.get("replacement_reasons") or "").strip()
    if is_blank(value):
        errors.setdefault("replacement_reasons", []).append(
            _("Give the reasons for replacing the Primary Administrator.")
        )
    elif text_problem(value, multiline=True):
        errors.setdefault("replacement_reasons", []).append(text_problem(value, multiline=True))
    elif len(value) > 2000:
        errors.setdefault("replacement_reasons", []).append(
            _("Give the reasons in at most %(n)d characters.") % {"n": 2000}
        )
    return value


def clean_cases(
    cases: list[dict],
    prospective: bool,
    eligibility: str,
    errors: dict,
    *,
    keyed_in: bool = False,
    required: bool = True,
) -> list[dict]:
    """Rows are numbered as sent, so that an error lands on the row it is about; empty rows
    are skipped. `required`: at least one case unless a prospective litigant (an IU); an
    organization may list none (REG-9). `eligibility` "" (an organization): any party type,
    "not a party" too (e.g. a law firm acting for a party)."""
    if not isinstance(cases, list | tuple):
        errors.setdefault("cases", []).append(_("Give the cases as a list."))
        return []
    words = wording(keyed_in)
    cleaned = []
    listed = set()
    for index, case in enumerate(cases):
        if not isinstance(case, dict):
            errors.setdefault(f"cases-{index}-case_number", []).append(
                _("Enter a case number such as DCPI 1234/2025.")
            )
            continue
        number = text_or_none(case.get("case_number"))
        party_type = text_or_none(case.get("party_type"))
        if number == "" and party_type == "":
            continue
        # CASE-1: kept in the registry's one form, so that the registry finds the case.
        normalized = normalize_case_number(number)
        if normalized is None:
            errors.setdefault(f"cases-{index}-case_number", []).append(
                _("Enter a case number such as DCPI 1234/2025.")
            )
        elif normalized in listed:
            errors.setdefault(f"cases-{index}-case_number", []).append(
                _("This case is already listed above.")
            )
        number = normalized or (number or "")
        listed.add(normalized)
        if party_type not in PartyType.values:
            errors.setdefault(f"cases-{index}-party_type", []).append(words["party_type"])
        elif eligibility == Eligibility.OTHER and party_type != PartyType.NOT_A_PARTY:
            # REG-1: a person who is not a party says so in each case listed.
            errors.setdefault(f"cases-{index}-party_type", []).append(
                words["must_be_not_a_party"] % {"not_a_party": PartyType.NOT_A_PARTY.label}
            )
        elif eligibility == Eligibility.PARTY and party_type == PartyType.NOT_A_PARTY:
            errors.setdefault(f"cases-{index}-party_type", []).append(
                words["may_not_be_not_a_party"]
            )
        cleaned.append({"case_number": number, "party_type": party_type or ""})
    if len(cleaned) > policy.MAX_CASES_PER_APPLICATION:
        errors.setdefault("cases", []).append(
            _("List at most %(n)d cases.") % {"n": policy.MAX_CASES_PER_APPLICATION}
        )
    if not cleaned and not prospective and required:
        errors.setdefault("cases", []).append(words["no_case"])
    if cleaned and prospective:
        errors.setdefault("cases", []).append(
            _("A prospective litigant has no case yet: leave the case list empty.")
        )
    return cleaned


def clean_documents(
    documents: list[tuple[str, object]], errors: dict
) -> list[tuple[str, object, dict]]:
    cleaned = []
    for kind, upload in documents:
        if kind not in DocumentKind.values:
            errors.setdefault("documents", []).append(_("Unknown kind of document."))
            continue
        facts, problem = inspect_upload(upload)
        if problem:
            errors.setdefault(f"documents-{kind}", []).append(problem)
        else:
            cleaned.append((kind, upload, facts))
    return cleaned


def check_received_on(received_on, errors: dict) -> None:
    """GEN-6: a paper application carries the date the court received it."""
    if not isinstance(received_on, date) or isinstance(received_on, datetime):
        errors.setdefault("received_on", []).append(
            _("Enter the date the court received the application.")
        )
    elif received_on > local_today():
        errors.setdefault("received_on", []).append(_("The date received cannot be in the future."))
    elif policy.paper_received_too_long_ago(received_on):
        errors.setdefault("received_on", []).append(
            _("The date received cannot be more than two years ago.")
        )
