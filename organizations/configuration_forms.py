"""The forms of the PA's configuration-change requests (ORG-4, REG-10) and of the vetting
officer's decision. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.selectors import LIMIT_FIELDS, LIMIT_LABELS

JUSTIFICATION_MISSING = _("Explain why your organization needs the change.")


def _justification_field(help_text):
    return forms.CharField(
        label=_("Justification"),
        help_text=help_text,
        max_length=4000,
        error_messages={"required": JUSTIFICATION_MISSING},
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class LimitsRequestForm(forms.Form):
    """ORG-4: the new numbers (an empty box leaves that limit as it is) and why."""

    def __init__(self, *args, limits, usage, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LIMIT_FIELDS:
            self.fields[f"max_{name}"] = forms.IntegerField(
                label=LIMIT_LABELS[name],
                required=False,
                help_text=_("Now %(limit)s; in use %(usage)s. Leave empty to keep it.")
                % {"limit": getattr(limits, name), "usage": usage[name]},
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self.fields["justification"] = _justification_field(
            _("Why your organization needs these numbers, e.g. how many staff will use the system.")
        )

    def limits(self) -> dict:
        return {name: self.cleaned_data.get(f"max_{name}") for name in LIMIT_FIELDS}


class PostBasedRequestForm(forms.Form):
    """REG-10: register SA and OU accounts by post title, and why."""

    justification = _justification_field(
        _(
            "Why your organization's accounts should be registered by post title, e.g. posts "
            "whose holders change."
        )
    )


class DecisionRejectForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for rejection"),
        help_text=_("The Primary Administrator is emailed these reasons."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
