"""The Cause Book's forms: what the pages read; the services and selectors check it again."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.numbers import normalize_case_number
from core.forms import BrowserDateInput
from hearings import selectors
from hearings.models import HearingType

_DATE = BrowserDateInput()
_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


_SERIAL_ONLY = re.compile(r"^\d{1,6}\s*/\s*\d{4}$", re.ASCII)


def _case_number(typed: str) -> str:
    """A whole case number as the register writes it, or "" when none was typed."""
    typed = typed.strip()
    if not typed:
        return ""
    number = normalize_case_number(typed)
    if number is None and _SERIAL_ONLY.match(typed):
        # The serial and year alone name a case of every type of proceedings.
        raise forms.ValidationError(
            _("Give the type of proceedings too, e.g. DCPI %(typed)s.") % {"typed": typed}
        )
    if number is None:
        raise forms.ValidationError(_("Enter a case number such as DCPI 1234/2025."))
    return number


class CauseBookSearchForm(forms.Form):
    """SVC-3: the public search. Every field may be left empty; the date is today's in Hong
    Kong unless another is chosen."""

    # "From" and "To" under the legend "Dates": "Date" twice read as one word repeated.
    date = forms.DateField(
        label=pgettext_lazy("dates searched", "From"),
        required=False,
        widget=_DATE,
        help_text=_("Today unless you choose another day."),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("dates searched", "To"),
        required=False,
        widget=_DATE,
        help_text=_("To search several days, at most 31."),
    )
    court_level = forms.ChoiceField(label=_("Court"), required=False)
    judge = forms.CharField(
        label=_("Judge"),
        required=False,
        max_length=100,
        help_text=_("Any part of the name, in English or Chinese, e.g. LEE or 李."),
    )
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=100,
        help_text=_("The whole number, e.g. DCPI 1234/2025."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    party = forms.CharField(
        label=_("Party name"),
        required=False,
        max_length=100,
        help_text=_(
            "Any part of a party's name, in English or Chinese. Capitals and extra spaces do not "
            "matter."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court_level"].choices = [("", _("Every court"))] + [
            (level.code, level.name) for level in selectors.court_levels()
        ]

    def clean_case_number(self):
        return _case_number(self.cleaned_data["case_number"])

    def clean(self):
        cleaned = super().clean()
        date_from = cleaned.get("date") or selectors.default_date()
        date_to = cleaned.get("date_to")
        if date_to is not None and "date" not in self.errors:
            if date_to < date_from:
                self.add_error("date_to", _("The end date is before the start date."))
            elif date_to - date_from >= datetime.timedelta(days=selectors.MAX_DAYS):
                self.add_error(
                    "date_to",
                    _("Search at most %(n)d days at a time.") % {"n": selectors.MAX_DAYS},
                )
        cleaned["date"] = date_from
        return cleaned

    def filters(self) -> selectors.CauseBookFilters:
        data = self.cleaned_data
        return selectors.CauseBookFilters(
            date_from=data["date"],
            date_to=data.get("date_to"),
            court_level=data.get("court_level") or "",
            judge=data.get("judge") or "",
            case_number=data.get("case_number") or "",
            party=data.get("party") or "",
        )


class RegistryHearingFilterForm(forms.Form):
    """The registry's list: every hearing from a day on (today unless another), public or not;
    or every hearing of one case."""

    case_number = forms.CharField(label=_("Case number"), required=False, max_length=100)
    date = forms.DateField(label=pgettext_lazy("dates searched", "From"), required=False)

    def clean_case_number(self):
        return _case_number(self.cleaned_data["case_number"])

    def filters(self) -> dict:
        """As `selectors.staff_hearings` takes them (page and API alike)."""
        return {
            "date_from": self.cleaned_data["date"],
            "case_number": self.cleaned_data["case_number"],
        }


class HearingForm(forms.Form):
    """The registry lists or corrects a hearing."""

    case_number = forms.CharField(
        label=_("Case number"), max_length=100, help_text=_("e.g. DCPI 1234/2025")
    )
    date = forms.DateField(label=_("Date"), widget=_DATE)
    start_time = forms.TimeField(
        label=_("Time"), widget=_TIME, help_text=_("24-hour clock, e.g. 09:30.")
    )
    court = forms.CharField(label=_("Court"), max_length=100, help_text=_("e.g. District Court"))
    courtroom = forms.CharField(label=_("Courtroom"), max_length=50, help_text=_("e.g. Court 23"))
    judge_en = forms.CharField(
        label=_("Judge, in English"), max_length=200, help_text=_("e.g. HH Judge LEE")
    )
    judge_zh = forms.CharField(
        label=_("Judge, in Chinese"), max_length=200, required=False, help_text=_("e.g. 李法官")
    )
    hearing_type = forms.ChoiceField(label=_("Hearing type"), choices=HearingType.choices)
    public = forms.BooleanField(
        label=_("List it in the public Cause Book"),
        required=False,
        initial=True,
        help_text=_("Not for a case heard in private. A chambers hearing is never listed."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the registry; not published."),
    )


class CauseBookImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of hearings"),
        help_text=_(
            "UTF-8, first line: date,time,court,courtroom,judge_en,judge_zh,case_number,"
            "hearing_type,public"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
