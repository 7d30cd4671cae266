"""The registry's forms on the court policy (BEY-2). They only collect what was typed: the
services (filing.services) decide what is valid, so that the pages and the API refuse alike."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.services.linking import LinkingDocument
from core import policy
from filing.models import FiledBy

_ROLE_CHOICES = [("", _("None: its acceptance links nobody")), *LinkingDocument.choices]


# In the language of the page that shows it, with the number the portal enforces.
_at_most_files = lazy(
    lambda: (
        gettext("At most %(n)d, the most files one request carries.")
        % {"n": policy.MAX_FILES_PER_REQUEST}
    ),
    str,
)


class _Conditional:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.conditional = True  # the service says which are missing


class DocumentTypeEditForm(_Conditional, forms.Form):
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    linking_role = forms.ChoiceField(
        label=_("Role in linking"),
        required=False,
        choices=_ROLE_CHOICES,
        help_text=_(
            "When the registry accepts a filing of this document, its filer is linked to the "
            "case: originating documents, Acknowledgments of Service, Defences, "
            "Notices to Act."
        ),
    )
    fee = forms.CharField(
        label=_("Fee (HKD)"),
        max_length=20,
        required=False,
        help_text=_("Per document filed, e.g. 630.00; 0 where no fee is due."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    filed_by = forms.ChoiceField(
        label=_("Filed by"),
        required=False,
        choices=FiledBy.choices,
        initial=FiledBy.ANY_PARTY,
        help_text=_(
            "The filing form offers it only to a filer acting for a party of that side; e.g. "
            "a Defence is filed by the responding side."
        ),
    )
    active = forms.BooleanField(label=_("May be filed"), required=False, initial=True)
    open_to_public_inspection = forms.BooleanField(
        label=_("Open to public inspection"),
        required=False,
        help_text=_(
            "Anyone may find the accepted documents of this type in the public search and "
            "inspect them after paying the search fee, unless the registry has closed their "
            "case to the public."
        ),
    )
    counsel_may_file = forms.BooleanField(
        label=_("Counsel may file it"),
        required=False,
        help_text=_(
            "Written submissions, skeleton arguments, lists of authorities: what a barrister "
            "instructed by the party's solicitors files."
        ),
    )


class DocumentTypeForm(DocumentTypeEditForm):
    field_order = ["proceeding_type", "code"]

    def __init__(self, *args, proceeding_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proceeding_type"] = forms.ChoiceField(
            label=_("Proceeding type"),
            required=False,
            choices=[("", "—")]
            + [
                (str(t.pk), f"{t.code} · {t.court_level.name} · {t.name}") for t in proceeding_types
            ],
        )
        self.fields["code"] = forms.CharField(
            label=_("Code"),
            max_length=20,
            required=False,
            help_text=_("Capital letters, e.g. DEF. It cannot be changed later."),
        )
        for field in self.fields.values():
            field.conditional = True
        self.order_fields(self.field_order)


class FileLimitsForm(_Conditional, forms.Form):
    max_file_bytes = forms.IntegerField(
        label=_("Largest file (bytes)"),
        required=False,
        min_value=1,
        help_text=_("10 MB is 10485760 bytes, the most the portal receives."),
    )
    max_pages = forms.IntegerField(label=_("Most pages in a file"), required=False, min_value=1)
    max_files = forms.IntegerField(
        label=_("Most files in a filing"),
        required=False,
        min_value=1,
        help_text=_at_most_files(),
    )
