"""The Message Box's forms: what the pages read; the services check it again."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from messaging.box_services import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH
from messaging.models import MessageCategory, ReminderFrequency
from messaging.selectors import SEARCH_MAX_LENGTH, MessageFilters


class MessageFilterForm(forms.Form):
    """What the Message Box shows; every field is optional. The cursor is the portal's own
    page link, checked by the selector."""

    search = forms.CharField(
        label=_("Search in subject and message"), required=False, max_length=SEARCH_MAX_LENGTH
    )
    category = forms.ChoiceField(
        label=_("Kind of message"),
        required=False,
        choices=[
            ("", _("All messages")),
            (MessageCategory.CASE, _("Case messages: directions and documents")),
            (MessageCategory.ADMINISTRATIVE, _("iCMS messages")),
        ],
    )
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=40,
        help_text=_("The whole number, such as DCPI 1234/2025."),
    )
    unread = forms.BooleanField(label=_("Unread messages only"), required=False)
    cursor = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> MessageFilters:
        data = self.cleaned_data
        return MessageFilters(
            category=data.get("category", ""),
            case_number=data.get("case_number", ""),
            search=data.get("search", ""),
            unread_only=bool(data.get("unread")),
        )

    def _params(self) -> dict:
        return {
            name: ("1" if value is True else value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False) and name != "cursor"
        }

    def page_url(self, cursor: str) -> str:
        return "?" + urlencode({**self._params(), "cursor": cursor})

    def first_page_url(self) -> str:
        return "?" + urlencode(self._params())


class PreferenceForm(forms.Form):
    reminder = forms.ChoiceField(
        label=_("Reminder of unread messages"),
        choices=ReminderFrequency.choices,
        widget=forms.RadioSelect,
    )
    email_each_case_message = forms.BooleanField(
        label=_("Email me for each new direction or document from the e-Court"), required=False
    )
    email_each_icms_message = forms.BooleanField(
        label=_("Email me for each new iCMS message"), required=False
    )


class MuteForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("The whole number of one of your cases, such as DCPI 1234/2025."),
    )


class DirectionForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=_("Direction"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    # A direction cannot be withdrawn once it is in the Message Boxes: the clerk confirms the
    # recipients listed above the form, as when issuing a document.
    checked = forms.BooleanField(
        label=_("I have checked the direction and the accounts that will receive it."),
        help_text=_(
            "A direction cannot be withdrawn: it is delivered to the Message Boxes above at once."
        ),
        error_messages={
            "required": _("Confirm that you have checked the direction before sending it.")
        },
    )
