"""The forms of the certification pages (SVC-6): what the pages read; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import forms as core_forms
from core.wording import bracketed
from payments.models import FeePayment
from translations.models import Language
from translations.services import SOURCE_TITLE_MAX
from translations.transitions import CERTIFICATION_TRANSITIONS

UPLOAD = "upload"


class ApplyForm(forms.Form):
    """An application for the certification of a translation in one case."""

    source_document = forms.ChoiceField(
        label=_("Source document"), widget=forms.RadioSelect, required=False
    )
    source_file = forms.FileField(
        label=_("PDF of the source document"),
        required=False,
        help_text=_("When the source is not a document of the case's file."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    source_title = forms.CharField(
        label=_("Title of the source document"),
        required=False,
        max_length=SOURCE_TITLE_MAX,
        help_text=_("When you upload the source; printed as “Certified translation of …”."),
    )
    # Not required here: the service names a missing language with the other problems of the
    # same sending (the source, the files), where the form would answer with the languages alone.
    source_language = forms.ChoiceField(
        label=_("Language of the source document"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    target_language = forms.ChoiceField(
        label=_("Language of the translation"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    translation_file = forms.FileField(
        label=_("PDF of the translation"),
        required=False,
        help_text=_(
            "The fee is charged per page of the translation. Leave the bottom 30 mm of every "
            "page free: the certified copy is stamped there with its Document Reference Number."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    pay_by = forms.ChoiceField(
        label=_("How do you pay the fee?"), widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, documents=(), deposit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_document"].choices = [
            *((str(d.pk), bracketed(d.title, d.display_drn or d.kind_label)) for d in documents),
            (UPLOAD, _("Another document: I upload it")),
        ]
        self.fields["source_document"].conditional = True
        self.fields["source_file"].conditional = True
        self.fields["source_title"].conditional = True
        self.fields["translation_file"].conditional = True
        self.fields["pay_by"].choices = [
            *([(FeePayment.DEPOSIT, FeePayment.DEPOSIT.label)] if deposit else []),
            (FeePayment.GATEWAY, FeePayment.GATEWAY.label),
        ]
        # The first way chosen already, as on the filing form: the deposit account where the
        # holder has one.
        self.fields["pay_by"].initial = self.fields["pay_by"].choices[0][0]


class RejectForm(core_forms.RejectForm):
    transitions = CERTIFICATION_TRANSITIONS
    reasons_help = _("The applicant reads these reasons in its Message Box; the fee is refunded.")
