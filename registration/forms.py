from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import IdentityDocumentType, Language
from core import policy
from core.forms import REASONS_MAX, BrowserDateInput
from core.wording import sentences
from core.workdays import local_today
from organizations.models import OrganizationType, RegistrationDocumentType
from registration.kinds import application_kind
from registration.models import (
    DOCUMENT_UPLOAD_FIELDS,
    ApplicationType,
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
        return sentences(text, limit)

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

    application_type = ApplicationType.IU

    def __init__(self, *args, paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Required or not depending on other answers: no "(optional)" marker.
        self.fields["proof_of_involvement"].conditional = True
        self.fields["draft_originating_document"].conditional = True
        self.fields["eligibility_reason"].conditional = True
        self.paper = paper
        if paper:
            # The particulars are the applicant's, keyed in by an officer: the browser must not
            # offer the officer's own name, address or telephone number for them.
            for field in self.fields.values():
                if "autocomplete" in field.widget.attrs:
                    field.widget.attrs["autocomplete"] = "off"
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
            channels = application_kind(self.application_type).paper_channels
            self.fields["channel"] = forms.ChoiceField(
                label=_("Received by"),
                choices=[c for c in Channel.choices if c[0] in channels],
            )
            self.fields["received_on"] = forms.DateField(
                label=_("Date received"),
                help_text=_("The date the court received the application by fax, post or hand."),
                widget=BrowserDateInput(attrs={"max": local_today().isoformat()}),
            )
            self.fields["scanned_application_form"] = forms.FileField(
                label=_("Scanned application form"), help_text=FILE_HELP
            )
        self.shape()
        for field in self.document_fields():
            if self.data.get(f"{self.add_prefix(field)}-held"):
                # A file kept from the last sending (core.kept_files) goes unless another is
                # chosen: the field needs none; the service still requires the document.
                self.fields[field].required = False
                self.fields[field].conditional = True

    def shape(self):
        """What a form for another type of application changes."""

    def document_fields(self) -> list[str]:
        return [field for field in DOCUMENT_UPLOAD_FIELDS.values() if field in self.fields]

    def documents(self) -> list[tuple[str, object]]:
        """Each document sent: the file chosen, or the one kept from the last sending
        (core.kept_files.take_kept_file puts it in cleaned_data)."""
        cleaned = getattr(self, "cleaned_data", {})
        chosen = [
            (kind, cleaned.get(field) or self.files.get(field))
            for kind, field in DOCUMENT_UPLOAD_FIELDS.items()
            if field in self.fields
        ]
        return [(kind, upload) for kind, upload in chosen if upload]


_IU_ONLY = [
    "eligibility",
    "eligibility_reason",
    "prospective_litigant",
    "draft_originating_document",
]


def _authorization_letter_field():
    return forms.FileField(
        label=_("Letter of authorization or resolution"),
        help_text=_file_help(
            _(
                "The organization's letter of authorization or resolution authorizing the "
                "applicant to apply on its behalf."
            )
        ),
    )


def _organization_name_field(paper: bool):
    # The applicant's own organization, which a browser may fill in (WCAG 1.3.5); on the paper
    # application the officer's organization is not the applicant's.
    return forms.CharField(
        label=_("Name of the organization"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off" if paper else "organization"}),
    )


class OrganizationApplicationForm(ApplicationForm):
    """REG-7: a PA's application for an organization account: the organization's particulars,
    the PA's own, the cases to link (REG-9) and the documents of REG-4 [A23]."""

    application_type = ApplicationType.PA

    def shape(self):
        for name in _IU_ONLY:
            del self.fields[name]
        self.fields["organization_name"] = _organization_name_field(self.paper)
        self.fields["organization_type"] = forms.ChoiceField(
            label=_("Type of organization"), choices=[("", "—")] + OrganizationType.choices
        )
        self.fields["organization_registration_document_type"] = forms.ChoiceField(
            label=_("Registration document type"),
            choices=[("", "—")] + RegistrationDocumentType.choices,
        )
        self.fields["organization_registration_document_number"] = forms.CharField(
            label=_("Registration document number"),
            max_length=60,
            required=False,
            help_text=_(
                "E.g. the business registration number. A government department "
                "without registration leaves this empty."
            ),
        )
        self.fields["organization_registration_document_number"].conditional = True
        self.fields["organization_address"] = forms.CharField(
            label=_("Address of the organization"),
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["authorization_letter"] = _authorization_letter_field()
        self.fields["organization_status_proof"] = forms.FileField(
            label=_("Proof of the organization's status"),
            help_text=_file_help(
                _(
                    "E.g. a business registration certificate, business registration search, "
                    "the latest annual return kept by the Companies Registry, a certificate of "
                    "incorporation, a certificate of registration of a society, a trade union "
                    "or an owners' corporation, or a certificate or tax exemption letter of the "
                    "Inland Revenue Department."
                )
            ),
        )
        self.fields["proof_of_involvement"].label = _(
            "Proof of the organization's involvement in the proceedings"
        )
        self.fields["proof_of_involvement"].help_text = _file_help(
            _(
                "Not needed for the Bar Association, the Law Society, law firms, government "
                "departments, law enforcement agencies and statutory bodies."
            )
        )
        if not self.paper:
            self.fields["email"].help_text = _(
                "Your login name, activation code, the Organization Code and other "
                "confidential messages are sent here. Use your own email address, not one "
                "shared with others."
            )


class ReplacementApplicationForm(ApplicationForm):
    """ORG-8 [A51]: an organization asks for a replacement PA: which organization (its
    Organization Code and name), the new PA's particulars, the authorization and the
    reasons."""

    application_type = ApplicationType.PA_REPLACEMENT

    def shape(self):
        for name in [*_IU_ONLY, "proof_of_involvement"]:
            del self.fields[name]
        self.fields["organization_code"] = forms.CharField(
            label=_("Organization Code"),
            max_length=20,
            widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
            help_text=_("As in the email that gave your organization its Organization Code."),
        )
        self.fields["organization_name"] = _organization_name_field(self.paper)
        self.fields["replacement_reasons"] = forms.CharField(
            label=_("Reasons for the replacement"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("E.g. the present Primary Administrator has left the organization."),
        )
        self.fields["authorization_letter"] = _authorization_letter_field()
        self.fields["surname"].label = _("Surname of the new Primary Administrator")
        self.fields["given_name"].label = _("Given name of the new Primary Administrator")
        self.fields["email"].help_text = _(
            "The new Primary Administrator's own email address: the login name and activation "
            "code are sent here."
        )


APPLICATION_FORMS = {
    ApplicationType.IU: ApplicationForm,
    ApplicationType.PA: OrganizationApplicationForm,
    ApplicationType.PA_REPLACEMENT: ReplacementApplicationForm,
}


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

    def __init__(self, *args, paper=False, organization=False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.conditional = True  # at least one case, unless a prospective litigant
        if organization:
            self.fields["party_type"].label = _("The organization's party type")
        elif paper:
            self.fields["party_type"].label = _("The applicant's party type")
        # Journey 1: as the applicant leaves the field, htmx asks what the court knows of the
        # number and shows it below the row (`check_id`); without script nothing changes.
        field_id = self.auto_id % self.add_prefix("case_number") if self.auto_id else ""
        self.check_id = f"{field_id}_check"
        self.fields["case_number"].widget.attrs.update(
            {
                "hx-get": reverse("registration:case_check"),
                "hx-trigger": "change",
                "hx-target": f"#{self.check_id}",
                "hx-swap": "innerHTML",
                "aria-describedby": f"{field_id}_helptext {self.check_id}",
            }
        )


CaseFormSet = forms.formset_factory(CaseForm, extra=3, max_num=10)


class SupplementForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    documents = forms.FileField(label=_("Supporting document"), required=False, help_text=FILE_HELP)


class RequestInformationForm(forms.Form):
    message = forms.CharField(
        label=_("Information needed"),
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for rejection"),
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
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
    representative_name = forms.CharField(
        label=_("Representative's name"), required=False, max_length=200
    )
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
