"""The public search's form and the registry's form on a case (SVC-2, GEN-3). They collect what
was typed; the selectors and services decide what is valid, pages and API alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BrowserDateInput
from inspection.selectors import TEXT_MAX, document_type_choices


class PublicSearchForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("The whole number, such as DCPI 1234/2025, or a part of it."),
    )
    party_name = forms.CharField(
        label=_("Name of a party"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Any part of the name; capital letters and spaces do not matter."),
    )
    document_type = forms.ChoiceField(label=_("Type of document"), required=False, choices=())
    date_from = forms.DateField(
        label=_("Dated from"),
        required=False,
        help_text=_("For example 2025-03-31."),
        widget=BrowserDateInput(),
    )
    date_to = forms.DateField(
        label=_("Dated to"),
        required=False,
        help_text=_("For example 2025-12-31."),
        widget=BrowserDateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = [
            ("", _("Any type")),
            *((choice.code, choice.label) for choice in document_type_choices()),
        ]

    @property
    def has_criteria(self) -> bool:
        return self.is_bound and any(
            (self.data.get(name) or "").strip() for name in self.fields if name in self.data
        )


class CaseInspectionForm(forms.Form):
    closed = forms.TypedChoiceField(
        label=_("The public and this case's documents"),
        choices=[
            ("0", _("Open: documents of the types open to public inspection can be searched")),
            ("1", _("Closed: none of the case's documents can be searched or inspected")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=1000,
        help_text=_("Required to close the case, e.g. sealed by order of the court."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].conditional = True  # required to close: the service says so
