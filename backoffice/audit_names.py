"""OPS-2: how the audit trail names each kind of record, and finds the records an officer
types (an application's reference, an account's login name, a case's number ...).

The audit app sits below every app whose records it names and cannot import them, so the back
office, which knows every app, registers a namer per model once the apps are ready
(`BackofficeConfig.ready`)."""

import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from audit.selectors import object_namer_register
from cases.models import Case, CaseLink, CaseLinkRequest, NoticeOfChange
from cases.numbers import normalize_case_number
from core.wording import bracketed
from documents.drn import drn_display, normalize_drn
from documents.models import CaseDocument
from filing.models import DocumentType, FileLimits, Filing
from hearings.models import CauseBookImport
from organizations.models import ConfigurationChangeRequest, Organization
from payments.models import DepositAccount, Payment
from registration.models import Application
from translations.models import CertificationRequest


def _number_after(prefix: str, text: str) -> list[int]:
    """The record number in what an officer typed ("P00000042", "#12"): ASCII digits only,
    at most 18 of them (a "²" is a digit to Python but not to int())."""
    found = re.fullmatch(prefix + r"(\d{1,18})", text.strip(), re.ASCII)
    return [int(found.group(1))] if found else []


def _register_by_field(model, field: str, *, noun, numbered_if_blank: bool = False) -> None:
    """A record named by one of its fields (through a relation, e.g. "organization__name") and
    found by it, case aside; `numbered_if_blank` names a record without it by its number."""

    def names(ids):
        return {
            str(pk): (value or f"#{pk}") if numbered_if_blank else value
            for pk, value in model.objects.filter(pk__in=ids).values_list("pk", field)
        }

    def find(text):
        return list(
            model.objects.filter(**{f"{field}__iexact": text.strip()}).values_list("pk", flat=True)
        )

    object_namer_register(model._meta.label_lower, noun=noun, names=names, find=find)


def _found_by_case_number(model, lookup: str = "case__number"):
    """A finder of the records of the case whose number was typed (in any of its forms)."""

    def find(text):
        return list(
            model.objects.filter(**{lookup: normalize_case_number(text) or "-"}).values_list(
                "pk", flat=True
            )
        )

    return find


def register_audit_names() -> None:
    _register_by_field(Application, "reference", noun=_("application"))
    _register_by_field(User, "login_name", noun=_("account"))
    _register_by_field(
        ConfigurationChangeRequest, "reference", noun=_("configuration change request")
    )
    _register_by_field(Organization, "name", noun=pgettext_lazy("audit trail", "organization"))
    # BEY-2: a document type by its proceeding type and code, e.g. "DCPI DEF".
    object_namer_register(
        "filing.documenttype",
        noun=_("document type"),
        names=lambda ids: {
            str(pk): f"{kind} {code}"
            for pk, kind, code in DocumentType.objects.filter(pk__in=ids).values_list(
                "pk", "proceeding_type__code", "code"
            )
        },
        find=lambda text: list(
            DocumentType.objects.filter(
                proceeding_type__code__iexact=text.partition(" ")[0],
                code__iexact=text.partition(" ")[2].strip(),
            ).values_list("pk", flat=True)
        ),
    )
    # BEY-2: file limits by their proceeding type's code, or "default".
    object_namer_register(
        "filing.filelimits",
        noun=_("file limits"),
        names=lambda ids: {
            str(pk): code or str(_("default"))
            for pk, code in FileLimits.objects.filter(pk__in=ids).values_list(
                "pk", "proceeding_type__code"
            )
        },
        find=lambda text: list(
            (
                FileLimits.objects.filter(proceeding_type__isnull=True)
                if text.strip().lower() == "default"
                else FileLimits.objects.filter(proceeding_type__code__iexact=text.strip())
            ).values_list("pk", flat=True)
        ),
    )
    # CASE-1, CASE-2: a case by its number (its sentences say "case" themselves); a link by
    # whom it links and the case's number; both found under the case's number.
    object_namer_register(
        "cases.case",
        noun="",
        names=lambda ids: {
            str(pk): number
            for pk, number in Case.objects.filter(pk__in=ids).values_list("pk", "number")
        },
        find=_found_by_case_number(Case, "number"),
    )
    object_namer_register(
        "cases.caselink",
        noun="",
        names=lambda ids: {
            str(pk): bracketed(login_name or organization, number)
            for pk, number, login_name, organization in CaseLink.objects.filter(
                pk__in=ids
            ).values_list("pk", "case__number", "individual__login_name", "organization__name")
        },
        find=_found_by_case_number(CaseLink),
    )
    # CASE-3, BEY-1: a request to link and a Notice of Change by their case's number, so that
    # a case's number finds them too.
    for model, noun in (
        (CaseLinkRequest, _("request to link")),
        (NoticeOfChange, _("Notice of Change")),
    ):
        object_namer_register(
            model._meta.label_lower,
            noun=noun,
            names=lambda ids, model=model: {
                str(pk): f"{number} (#{pk})"
                for pk, number in model.objects.filter(pk__in=ids).values_list("pk", "case__number")
            },
            find=_found_by_case_number(model),
        )
    # MSG-1: a message by its number only: its subject may name a party.
    object_namer_register(
        "messaging.message",
        noun=_("message"),
        names=lambda ids: {str(pk): f"#{pk}" for pk in ids},
        find=lambda text: _number_after("#?", text),
    )
    # SVC-5: an issued document by its Document Reference Number.
    object_namer_register(
        "documents.casedocument",
        noun=_("document"),
        names=lambda ids: {
            str(pk): drn_display(drn) if drn else f"#{pk}"
            for pk, drn in CaseDocument.objects.filter(pk__in=ids).values_list("pk", "drn")
        },
        find=lambda text: list(
            CaseDocument.objects.filter(drn=normalize_drn(text) or "-").values_list("pk", flat=True)
        ),
    )
    # SVC-3: a file of hearings by its name and number.
    object_namer_register(
        "hearings.causebookimport",
        noun=_("file of hearings"),
        names=lambda ids: {
            str(pk): f"{name} (#{pk})"
            for pk, name in CauseBookImport.objects.filter(pk__in=ids).values_list(
                "pk", "file_name"
            )
        },
        find=lambda text: list(
            CauseBookImport.objects.filter(file_name__iexact=text.strip()).values_list(
                "pk", flat=True
            )
        ),
    )
    # SVC-4: a payment by its number, a deposit account by its organization's name.
    object_namer_register(
        "payments.payment",
        noun=_("payment"),
        names=lambda ids: {
            str(pk): f"P{pk:08d}"
            for pk in Payment.objects.filter(pk__in=ids).values_list("pk", flat=True)
        },
        find=lambda text: _number_after(r"[Pp]", text),
    )
    _register_by_field(DepositAccount, "organization__name", noun=_("deposit account"))
    # SVC-6: a request for the certification of a translation by its reference.
    _register_by_field(
        CertificationRequest,
        "reference",
        noun=_("translation certification request"),
        numbered_if_blank=True,
    )
    # SVC-1: a filing by its reference, e.g. F2026-00000042.
    _register_by_field(Filing, "reference", noun=_("filing"), numbered_if_blank=True)
