"""The forms of Notices of Consent and of Change (CASE-3 (b), BEY-1): lodged online by a
holder, keyed in from paper by the registry, and the registry's decision. They parse; the
services decide."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cases.models import PartyType
from cases.services.notices import PAPER_CHANNELS, PARTY_NAME_MAX
from core import policy
from core.forms import BrowserDateInput
from core.workdays import local_today


def _document_help() -> str:
    # The size limit from the policy, in the reader's language, when the form is shown.
    return _("PDF, at most %(mb)d MB.") % {"mb": policy.UPLOAD_MAX_BYTES // (1024 * 1024)}


class NoticeForm(forms.Form):
    """What a holder lodges online: the case, the party acted for, and the signed notice."""

    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("As on the court's documents, e.g. DCPI 1234/2025."),
    )
    party_type = forms.ChoiceField(
        label=_("Party type"),
        choices=[("", _("Choose the party type")), *PartyType.choices],
    )
    party_name = forms.CharField(
        label=_("Name of the party"),
        max_length=PARTY_NAME_MAX,
        help_text=_("As in the case's title, e.g. CHAN Tai Man."),
    )
    document = forms.FileField(
        label=_("The signed notice"),
        help_text=lazy(_document_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": _("Attach the notice as a PDF file.")},
    )


class PaperNoticeFields(forms.Form):
    """What a registry clerk adds for a notice received on paper."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[(c.value, c.label) for c in PAPER_CHANNELS],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=_("Date received"),
        help_text=_("The date the registry received the notice; not in the future."),
        widget=BrowserDateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].widget.attrs["max"] = local_today().isoformat()
        self.fields["document"].label = _("The scanned notice")


class PaperNoticeOfConsentForm(PaperNoticeFields, NoticeForm):
    login_name = forms.CharField(
        label=_("Login name of the Individual User"),
        required=False,
        max_length=32,
        help_text=_("For a notice lodged by an Individual User; or give an Organization Code."),
    )
    organization_code = forms.CharField(
        label=_("Organization Code"),
        required=False,
        max_length=20,
        help_text=_("For a notice lodged by an organization, e.g. K7QM4-XPD2R."),
    )
    field_order = ["login_name", "organization_code", "case_number", "party_type", "party_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One of the two is required: not "optional" each.
        self.fields["login_name"].conditional = True
        self.fields["organization_code"].conditional = True


class PaperNoticeOfChangeForm(PaperNoticeFields, NoticeForm):
    organization_code = forms.CharField(
        label=_("Organization Code of the incoming organization"),
        max_length=20,
        help_text=_("The organization that takes over as legal representative, e.g. K7QM4-XPD2R."),
    )
    field_order = ["organization_code", "case_number", "party_type", "party_name"]


class AcceptForm(forms.Form):
    """The party the registry found the request to be for, among the case's parties."""

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        self.fields["party"] = forms.TypedChoiceField(
            label=_("The party this is for"),
            coerce=int,
            choices=[(p.pk, str(p)) for p in parties],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose one of the case's parties.")},
        )


class RefuseForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for refusing"),
        help_text=_("The holder reads these reasons with the decision."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
