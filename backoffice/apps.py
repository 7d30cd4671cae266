import re

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.wording import bracketed


def _number_after(prefix: str, text: str) -> list[int]:
    """The record number in what an officer typed ("P00000042", "#12"): ASCII digits only,
    at most 18 of them (a "²" is a digit to Python but not to int())."""
    found = re.fullmatch(prefix + r"(\d{1,18})", text.strip(), re.ASCII)
    return [int(found.group(1))] if found else []


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = "Back office"

    def ready(self):
        # The audit trail names applications by reference and accounts by login name; the
        # audit app sits below both and cannot import them, so the shell that knows every
        # app tells it how.
        from accounts.models import User
        from audit.selectors import object_namer_register
        from cases.models import Case, CaseLink, CaseLinkRequest, NoticeOfChange
        from cases.numbers import normalize_case_number
        from documents.drn import drn_display, normalize_drn
        from documents.models import CaseDocument
        from filing.models import DocumentType, FileLimits, Filing
        from hearings.models import CauseBookImport
        from organizations.models import ConfigurationChangeRequest, Organization
        from payments.models import DepositAccount, Payment
        from registration.models import Application
        from translations.models import CertificationRequest

        object_namer_register(
            "registration.application",
            noun=_("application"),
            names=lambda ids: {
                str(pk): ref
                for pk, ref in Application.objects.filter(pk__in=ids).values_list("pk", "reference")
            },
            find=lambda text: list(
                Application.objects.filter(reference__iexact=text).values_list("pk", flat=True)
            ),
        )
        object_namer_register(
            "accounts.user",
            noun=_("account"),
            names=lambda ids: {
                str(pk): name
                for pk, name in User.objects.filter(pk__in=ids).values_list("pk", "login_name")
            },
            find=lambda text: list(
                User.objects.filter(login_name__iexact=text).values_list("pk", flat=True)
            ),
        )
        object_namer_register(
            "organizations.configurationchangerequest",
            noun=_("configuration change request"),
            names=lambda ids: {
                str(pk): ref
                for pk, ref in ConfigurationChangeRequest.objects.filter(pk__in=ids).values_list(
                    "pk", "reference"
                )
            },
            find=lambda text: list(
                ConfigurationChangeRequest.objects.filter(reference__iexact=text).values_list(
                    "pk", flat=True
                )
            ),
        )
        object_namer_register(
            "organizations.organization",
            noun=pgettext_lazy("audit trail", "organization"),
            names=lambda ids: {
                str(pk): name
                for pk, name in Organization.objects.filter(pk__in=ids).values_list("pk", "name")
            },
            find=lambda text: list(
                Organization.objects.filter(name__iexact=text).values_list("pk", flat=True)
            ),
        )
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
        # CASE-1, CASE-2: a case by its number (its sentences say "case" themselves); a link
        # by whom it links and the case's number; both found under the case's number.
        object_namer_register(
            "cases.case",
            noun="",
            names=lambda ids: {
                str(pk): number
                for pk, number in Case.objects.filter(pk__in=ids).values_list("pk", "number")
            },
            find=lambda text: list(
                Case.objects.filter(number=normalize_case_number(text) or "-").values_list(
                    "pk", flat=True
                )
            ),
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
            find=lambda text: list(
                CaseLink.objects.filter(
                    case__number=normalize_case_number(text) or "-"
                ).values_list("pk", flat=True)
            ),
        )
        # CASE-3, BEY-1: a request to link and a Notice of Change by their case's number, so
        # that a case's number finds them too.
        for model, noun in (
            (CaseLinkRequest, _("request to link")),
            (NoticeOfChange, _("Notice of Change")),
        ):
            object_namer_register(
                model._meta.label_lower,
                noun=noun,
                names=lambda ids, model=model: {
                    str(pk): f"{number} (#{pk})"
                    for pk, number in model.objects.filter(pk__in=ids).values_list(
                        "pk", "case__number"
                    )
                },
                find=lambda text, model=model: list(
                    model.objects.filter(
                        case__number=normalize_case_number(text) or "-"
                    ).values_list("pk", flat=True)
                ),
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
                CaseDocument.objects.filter(drn=normalize_drn(text) or "-").values_list(
                    "pk", flat=True
                )
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
        object_namer_register(
            "payments.depositaccount",
            noun=_("deposit account"),
            names=lambda ids: {
                str(pk): name
                for pk, name in DepositAccount.objects.filter(pk__in=ids).values_list(
                    "pk", "organization__name"
                )
            },
            find=lambda text: list(
                DepositAccount.objects.filter(organization__name__iexact=text).values_list(
                    "pk", flat=True
                )
            ),
        )
        # SVC-6: a request for the certification of a translation by its reference.
        object_namer_register(
            "translations.certificationrequest",
            noun=_("translation certification request"),
            names=lambda ids: {
                str(pk): ref or f"#{pk}"
                for pk, ref in CertificationRequest.objects.filter(pk__in=ids).values_list(
                    "pk", "reference"
                )
            },
            find=lambda text: list(
                CertificationRequest.objects.filter(reference__iexact=text.strip()).values_list(
                    "pk", flat=True
                )
            ),
        )
        # SVC-1: a filing by its reference, e.g. F2026-00000042.
        object_namer_register(
            "filing.filing",
            noun=_("filing"),
            names=lambda ids: {
                str(pk): ref or f"#{pk}"
                for pk, ref in Filing.objects.filter(pk__in=ids).values_list("pk", "reference")
            },
            find=lambda text: list(
                Filing.objects.filter(reference__iexact=text.strip()).values_list("pk", flat=True)
            ),
        )
