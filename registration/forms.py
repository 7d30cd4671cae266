from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import IdentityDocumentType, Language
from core import policy
from core.workdays import local_today
from registration.models import (
    DOCUMENT_UPLOAD_FIELDS,
    AuthenticationMode,
    Channel,
    Counter,
    Eligibility,
    PartyType,
)


def _file_help(text=""):
    # The size limit in the reader's language, from the policy, when the form is shown.
    def render():
        limit = _("PDF, JPEG or PNG, at most %(mb)d MB.") % {
            "mb": policy.UPLOAD_MAX_BYTES // (1024 * 1024)
        }
        return f"{text} {limit}".strip()

    return lazy(render, str)()


FILE_HELP = _file_help()


class ApplicationForm(forms.Form):
    surname = forms.CharField(
        label=_("Surname"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    id_document_type = forms.ChoiceField(
        label=_("Identification document type"), choices=IdentityDocumentType.choices
    )
    id_document_number = forms.CharField(
        label=_("Identification document number"),
        max_length=40,
        help_text=_("For example A123456(3)."),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=_("Telephone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "Your login name, activation code and other confidential messages are sent "
            "here. Use your own email address, not one shared with others."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language for our emails"), choices=Language.choices)
    eligibility = forms.ChoiceField(
        label=_("Who are you in the proceedings?"),
        choices=Eligibility.choices,
        initial=Eligibility.PARTY,
        required=False,  # a party, unless the applicant says otherwise
        widget=forms.RadioSelect,
    )
    eligibility_reason = forms.CharField(
        label=_("Your reason for registering, if you are not a party"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The Judiciary Administrator decides whether the reason is sufficient."),
    )
    prospective_litigant = forms.BooleanField(
        label=_("I have no court case yet: I intend to start a new e-proceeding"),
        required=False,
        help_text=_("Attach the draft originating document instead of listing a case."),
    )
    proof_of_involvement = forms.FileField(
        label=_("Proof of involvement in the proceedings"),
        required=False,
        help_text=_file_help(
            _("A court document with the case number, e.g. a writ of summons, order or judgment.")
        ),
    )
    draft_originating_document = forms.FileField(
        label=_("Draft originating document (prospective litigants)"),
        required=False,
        help_text=FILE_HELP,
    )

    def __init__(self, *args, paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Required or not depending on other answers: no "(optional)" marker.
        self.fields["proof_of_involvement"].conditional = True
        self.fields["draft_originating_document"].conditional = True
        self.fields["eligibility_reason"].conditional = True
        self.paper = paper
        if paper:
            # GEN-6: the Help Centre officer fills this in for the applicant.
            self.fields["email"].help_text = _(
                "The login name, activation code and other confidential messages are sent "
                "here. Enter the applicant's own email address as given on the paper form."
            )
            self.fields["language"].label = _("Language for emails to the applicant")
            self.fields["eligibility"].label = _("Who is the applicant in the proceedings?")
            self.fields["eligibility_reason"].label = _(
                "The applicant's reason for registering, if not a party"
            )
            self.fields["prospective_litigant"].label = _(
                "The applicant has no court case yet and intends to start a new e-proceeding"
            )
            self.fields["channel"] = forms.ChoiceField(
                label=_("Received by"),
                choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
            )
            self.fields["received_on"] = forms.DateField(
                label=_("Date received"),
                help_text=_("The date the court received the application by fax, post or hand."),
                widget=forms.DateInput(
                    format="%Y-%m-%d",
                    attrs={"type": "date", "max": local_today().isoformat()},
                ),
            )
            self.fields["scanned_application_form"] = forms.FileField(
                label=_("Scanned application form"), help_text=FILE_HELP
            )

    def documents(self) -> list[tuple[str, object]]:
        return [
            (kind, self.files[field])
            for kind, field in DOCUMENT_UPLOAD_FIELDS.items()
            if field in self.fields and self.files.get(field)
        ]


class CaseForm(forms.Form):
    case_number = forms.CharField(
        label=_("Court case number"),
        max_length=30,
        required=False,
        help_text=_("For example DCPI 1234/2025."),
    )
    party_type = forms.ChoiceField(
        label=_("Your party type"), required=False, choices=[("", "—")] + PartyType.choices
    )

    def __init__(self, *args, paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.conditional = True  # at least one case, unless a prospective litigant
        if paper:
            self.fields["party_type"].label = _("The applicant's party type")


CaseFormSet = forms.formset_factory(CaseForm, extra=3, max_num=10)


class SupplementForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    documents = forms.FileField(label=_("Supporting document"), required=False, help_text=FILE_HELP)


class RequestInformationForm(forms.Form):
    message = forms.CharField(
        label=_("Information needed"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for rejection"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IdentityAuthenticationForm(forms.Form):
    counter = forms.ChoiceField(label=_("Counter"), choices=Counter.choices)
    mode = forms.ChoiceField(
        label=_("Authenticated"), choices=AuthenticationMode.choices, widget=forms.RadioSelect
    )
    presented_document_type = forms.ChoiceField(
        label=_("Applicant's document type"), choices=IdentityDocumentType.choices
    )
    presented_document_number = forms.CharField(
        label=_("Applicant's document number"), max_length=40
    )
    representative_name = forms.CharField(label=_("Representative's name"), required=False)
    representative_document_type = forms.ChoiceField(
        label=_("Representative's document type"),
        required=False,
        choices=[("", "—")] + IdentityDocumentType.choices,
    )
    representative_document_number = forms.CharField(
        label=_("Representative's document number"), required=False, max_length=40
    )
    authorization_letter_seen = forms.BooleanField(
        label=_("Letter of authorization signed by the applicant received"), required=False
    )
    applicant_document_copy_seen = forms.BooleanField(
        label=_("Copy of the applicant's identification document received"), required=False
    )


class QueueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Application reference or identification document number"),
        required=False,
        max_length=40,
    )
