"""The filer's forms (e-filing): they only collect what was typed and chosen; the services
(filing.services.filings) decide what may be filed, so that the pages and the API refuse
alike."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import PartyType
from cases.registry_forms import PartyForm
from core import policy
from core.money import format_hkd
from core.wording import bracketed, labelled, listed, numbered
from filing.models import FilingStatus
from payments.models import FeePayment

MAX_DOCUMENTS = policy.MAX_FILES_PER_REQUEST
NEW_CASE_PARTY_ROWS = 4


def document_type_label(kind) -> str:
    return labelled(bracketed(kind.name, kind.code), format_hkd(kind.fee))


def document_type_choices(
    policies, *, grouped: bool, in_a_case: bool = True, party_types=(), as_counsel=False
) -> list:
    """The document types that may be filed, each with its fee. One proceeding's types as
    plain options; several grouped by proceeding. A value is "<proceeding>:<code>", as a
    code is unique only within its proceeding type. In a case, no originating document; for a
    filer linked to parties of `party_types`, only what one of them may file; for counsel
    [A12], only what counsel files."""

    def kinds(p):
        return [
            k
            for k in p.document_types
            if not (in_a_case and k.is_originating)
            and (not party_types or any(k.may_be_filed_for(t) for t in party_types))
            and (not as_counsel or k.counsel_may_file)
        ]

    if not grouped:
        return [("", "—")] + [
            (f"{p.proceeding_type.code}:{kind.code}", document_type_label(kind))
            for p in policies
            for kind in kinds(p)
        ]
    return [("", "—")] + [
        (
            labelled(p.proceeding_type.code, p.proceeding_type.name),
            [
                (f"{p.proceeding_type.code}:{kind.code}", document_type_label(kind))
                for kind in kinds(p)
            ],
        )
        for p in policies
        if kinds(p)
    ]


class FilingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *FilingStatus.choices]
    )
    # Ids to page on, checked by the selector.
    before = forms.CharField(required=False, widget=forms.HiddenInput)
    after = forms.CharField(required=False, widget=forms.HiddenInput)


class FilingForm(forms.Form):
    """The filing itself, in a case (`originating` False) or starting new proceedings. The
    party: a select of the parties the filer is linked for (`parties`), or, for a filer not
    yet linked, the party's type and number."""

    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        required=False,
        help_text=_("As on the court's documents, e.g. DCPI 1234/2025."),
    )
    party = forms.ChoiceField(label=_("The party you file for"), required=False)
    party_type = forms.ChoiceField(
        label=_("The party you act for"),
        required=False,
        choices=[("", "—"), *PartyType.choices],
        help_text=_(
            "If you are not yet linked to the case: until the registry links you, you can "
            "file only an Acknowledgment of Service, a Defence (and Counterclaim) or a "
            "Notice to Act."
        ),
    )
    party_position = forms.IntegerField(
        label=_("Its number"),
        required=False,
        min_value=1,
        max_value=99,
        initial=1,
        help_text=_("1 for the 1st Defendant, 2 for the 2nd."),
    )
    proceeding_type = forms.ChoiceField(label=_("Type of proceedings"), required=False)
    title = forms.CharField(
        label=_("Title of the proceedings"),
        max_length=300,
        required=False,
        help_text=_("E.g. CHAN Tai Man v. LEE Ka Yan."),
    )
    pay_by = forms.ChoiceField(
        label=_("Pay the fee"),
        required=False,
        widget=forms.RadioSelect,
        choices=[],
    )

    def __init__(
        self,
        *args,
        originating=False,
        parties=(),
        proceeding_types=(),
        deposit=False,
        deposit_balance=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.originating = originating
        if originating:
            for name in ("case_number", "party", "party_type", "party_position"):
                del self.fields[name]
            self.fields["proceeding_type"].choices = [("", "—")] + [
                (kind.code, labelled(kind.code, listed(kind.court_level.name, kind.name)))
                for kind in proceeding_types
            ]
        else:
            del self.fields["proceeding_type"]
            del self.fields["title"]
            if parties:
                self.fields["party"].choices = [
                    (
                        str(party.pk),
                        labelled(
                            numbered(party.get_party_type_display(), party.position), party.name
                        ),
                    )
                    for party in parties
                ]
                del self.fields["party_type"]
                del self.fields["party_position"]
            else:
                del self.fields["party"]
        choices = []
        if deposit:
            label = _("From your organization's deposit account")
            if deposit_balance is not None:
                # Known before filing: whether the fee will go through.
                label = _("From your organization's deposit account (balance %(balance)s)") % {
                    "balance": format_hkd(deposit_balance)
                }
            choices.append((FeePayment.DEPOSIT, label))
        choices.append((FeePayment.GATEWAY, _("By card or FPS, on the payment service's page")))
        self.fields["pay_by"].choices = choices
        self.fields["pay_by"].initial = choices[0][0]
        for field in self.fields.values():
            field.conditional = True  # the service says which are missing


class DocumentForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document type"), required=False)
    title = forms.CharField(
        label=pgettext_lazy("document", "Title"),
        max_length=200,
        required=False,
        help_text=_("The type's name if left empty."),
    )
    file = forms.FileField(
        label=_("The document (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, document_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = document_types
        for name in ("document_type", "file"):
            self.fields[name].conditional = True

    @property
    def code(self) -> str:
        """The chosen type's code, without its proceeding."""
        return (self.cleaned_data.get("document_type") or "").partition(":")[2]

    @property
    def proceeding(self) -> str:
        return (self.cleaned_data.get("document_type") or "").partition(":")[0]

    @property
    def is_empty(self) -> bool:
        data = self.cleaned_data
        return not (data.get("document_type") or data.get("file") or data.get("title"))


def document_formset(rows: int = MAX_DOCUMENTS):
    """The filing's rows of documents: as many as the case's proceedings allow files (its
    court policy), at most MAX_DOCUMENTS (what one request carries)."""
    rows = max(1, min(rows, MAX_DOCUMENTS))
    return forms.formset_factory(DocumentForm, extra=rows, max_num=rows, absolute_max=MAX_DOCUMENTS)


NewCasePartyFormSet = forms.formset_factory(
    PartyForm,
    extra=NEW_CASE_PARTY_ROWS,
    max_num=NEW_CASE_PARTY_ROWS,
    absolute_max=NEW_CASE_PARTY_ROWS,
)
