"""The payments pages' forms: what the pages read; the services check it again."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import BrowserDateInput
from core.money import NotMoney, parse_hkd


class AmountField(forms.CharField):
    """An amount in HKD as a person types it (1,234.50, HK$1,234.50); never a float."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_hkd(text)
        except NotMoney:
            raise forms.ValidationError(
                _("Enter an amount in Hong Kong dollars, e.g. 1,234.50.")
            ) from None


class StatementFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("statement period", "From"),
        required=False,
        widget=BrowserDateInput(),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("statement period", "To"),
        required=False,
        widget=BrowserDateInput(),
    )


class TopUpForm(forms.Form):
    organization_code = forms.CharField(
        label=_("Organization Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    amount = AmountField(
        label=_("Amount received (HKD)"),
        help_text=_("For example 5,000.00."),
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": "20"}
        ),
    )
    reference = forms.CharField(
        label=_("Reference of the money received"),
        max_length=100,
        help_text=_("The cheque, bank-in slip or transfer number."),
    )
    reasons = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SearchFeeForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"),
        required=False,
        max_length=100,
        help_text=_("For example the case number or the documents you wish to search."),
    )
