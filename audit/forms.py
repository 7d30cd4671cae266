from django import forms
from django.utils.translation import gettext_lazy as _

from audit.selectors import ACTION_LABELS
from core.forms import BrowserDateInput


class AuditFilterForm(forms.Form):
    """OPS-2: which records of the trail to show. Every field is optional."""

    record = forms.CharField(
        label=_("Application reference or account login name"), required=False, max_length=40
    )
    actor = forms.CharField(label=_("Done by (login name)"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("What happened"), required=False)
    date_from = forms.DateField(
        label=_("From (date)"),
        required=False,
        widget=BrowserDateInput(),
    )
    date_to = forms.DateField(
        label=_("To (date)"),
        required=False,
        widget=BrowserDateInput(),
    )
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    after = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any")), *ACTION_LABELS.items()]

    def filters(self) -> dict:
        """The cleaned filters as `selectors.audit_trail` takes them (page and API alike)."""
        data = self.cleaned_data
        return {
            "record": data["record"],
            "actor_login_name": data["actor"],
            "action": data["action"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "before": data["before"],
            "after": data["after"],
        }

    def clean(self):
        data = super().clean()
        if "\x00" in (data.get("record") or "") + (data.get("actor") or ""):
            raise forms.ValidationError(_("Enter text without control characters."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
