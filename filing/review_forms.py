"""The registry's forms on e-filings (SVC-1, CASE-3 (c)): accept (with the number of the new
case, for an originating filing), reject with reasons, and the filter of decided filings. They
only collect what was typed: `filing.services.filings` decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import RejectForm
from filing.selectors.filings import DECIDED
from filing.transitions import FILING_TRANSITIONS


class AcceptFilingForm(forms.Form):
    """Accept a filing; for an originating filing, the number the registry gives its case."""

    def __init__(self, *args, originating=False, suggested_number="", **kwargs):
        super().__init__(*args, **kwargs)
        if originating:
            self.fields["case_number"] = forms.CharField(
                label=_("Case number of the new case"),
                max_length=40,
                initial=suggested_number,
                help_text=_(
                    "The registry's next number of the proceeding type is suggested, e.g. "
                    "DCPI 1234/2026; you may give another."
                ),
                error_messages={
                    "required": _("Give the number of the new case, e.g. DCPI 1234/2026.")
                },
            )


class RejectFilingForm(RejectForm):
    transitions = FILING_TRANSITIONS
    reasons_help = _("The filer reads these reasons in its Message Box; any fee paid is refunded.")


class DecidedFilingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any decision")), *((s.value, s.label) for s in DECIDED)],
    )
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=40,
        help_text=_("The whole number, or a part such as 1234/2025."),
    )
