"""The forms of the case documents' pages: what the pages read; the services check it again."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.models import ISSUED_BY_HAND, IssueMethod
from documents.services import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH


class IssueForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[(k.value, k.label) for k in ISSUED_BY_HAND],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=pgettext_lazy("document", "Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Printed on the document and shown by the public check of its DRN."),
    )
    method = forms.ChoiceField(
        label=_("How do you provide the document?"),
        choices=[
            (IssueMethod.UPLOADED, _("Upload a PDF")),
            (IssueMethod.COMPOSED, _("Compose it here: the portal makes the PDF")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("PDF file"),
        required=False,
        help_text=_("When you upload a PDF. Every page is stamped with the DRN and a QR code."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    text = forms.CharField(
        label=_("Text of the document"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("When you compose the document: in English or Chinese."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    # Issuing cannot be undone and the form carries the document itself, which a separate
    # confirmation page would have to carry again: the clerk confirms here instead.
    checked = forms.BooleanField(
        label=_(
            "I have checked the document's kind, title and content, and the accounts that will "
            "receive it."
        ),
        help_text=_(
            "Issuing cannot be undone: the document is stamped with its DRN and delivered to "
            "the Message Boxes above at once."
        ),
        error_messages={
            "required": _("Confirm that you have checked the document before issuing it.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Needed for one of the two ways only; the service says which is missing.
        self.fields["file"].conditional = True
        self.fields["text"].conditional = True


class DrnCheckForm(forms.Form):
    drn = forms.CharField(
        label=_("Document Reference Number (DRN)"),
        max_length=100,
        help_text=_(
            "As printed at the foot of the document, such as 7K3M-Q9TZ-4HNP-2WX2. Spaces, "
            "dashes and small letters do not matter."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the Document Reference Number printed on the document.")
        },
    )


class CopyCompareForm(forms.Form):
    file = forms.FileField(
        label=_("The PDF file you received"),
        help_text=_(
            "Checked against the document the court issued: it must be the same, byte for byte."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        error_messages={"required": _("Choose the PDF file you received.")},
    )

    def clean_file(self):
        # Any other file differs from the issued PDF anyway; saying it is not a PDF is clearer.
        upload = self.cleaned_data["file"]
        start = upload.read(5)
        upload.seek(0)
        if start != b"%PDF-":
            raise forms.ValidationError(
                _("This file is not a PDF. Choose the PDF file of the document you received.")
            )
        return upload
