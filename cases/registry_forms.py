"""The registry's forms (CASE-1, GEN-2). They only collect what was typed: the services
(cases.services.registry) decide what is valid, so that the pages and the API refuse alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import CaseStatus, PartyType
from core.forms import BrowserDateInput
from core.wording import bracketed, labelled

_DATE = BrowserDateInput()


def _asked_by_the_service(form, *names):
    """Fields the service requires and words the refusal of (so not Django's "required"):
    not shown as "(optional)" either."""
    for name in names:
        form.fields[name].conditional = True


class CaseFilterForm(forms.Form):
    number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=40,
        help_text=_("The whole number, or a part such as 1234/2025."),
    )

    def __init__(self, *args, proceeding_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proceeding_type"] = forms.ChoiceField(
            label=_("Proceeding type"),
            required=False,
            choices=[("", _("All proceeding types"))]
            + [(str(t.pk), f"{t.code} · {t.name}") for t in proceeding_types],
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"),
            required=False,
            choices=[("", _("Any status"))] + CaseStatus.choices,
        )
        self.fields["before"] = forms.IntegerField(
            required=False, min_value=1, widget=forms.HiddenInput
        )


class CaseForm(forms.Form):
    number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        required=False,
        help_text=_(
            "As the registry writes it, e.g. DCPI 1234/2025: the code of the proceeding type, "
            "the serial number and the year."
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("E.g. CHAN Tai Man v. LEE Ka Yan."),
    )
    title_zh = forms.CharField(
        label=_("Title in Chinese"),
        max_length=300,
        required=False,
        help_text=_("Where the court has one, e.g. 陳大文 對 李家欣. Chinese pages show it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _asked_by_the_service(self, "number", "title")


class CaseTitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    title_zh = forms.CharField(
        label=_("Title in Chinese"),
        max_length=300,
        required=False,
        help_text=_("Where the court has one, e.g. 陳大文 對 李家欣. Chinese pages show it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _asked_by_the_service(self, "title")


class PartyForm(forms.Form):
    party_type = forms.ChoiceField(
        label=_("Party type"), required=False, choices=[("", "—")] + PartyType.choices
    )
    position = forms.IntegerField(
        label=_("Position"),
        required=False,
        min_value=1,
        max_value=99,
        initial=1,
        help_text=_("1 for the 1st Defendant, 2 for the 2nd."),
    )
    name = forms.CharField(label=_("Name of the party"), max_length=300, required=False)
    name_zh = forms.CharField(
        label=_("Name of the party in Chinese"),
        max_length=300,
        required=False,
        help_text=_("If the court has it; the Cause Book finds the party by either name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.conditional = True  # the service says which are missing


PartyFormSet = forms.formset_factory(PartyForm, extra=4, max_num=20)


class DisposalForm(forms.Form):
    final_disposal_date = forms.DateField(
        label=_("Date of final disposal"), required=False, widget=_DATE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _asked_by_the_service(self, "final_disposal_date")


class ReopenForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for reopening"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the disposal was recorded in error, or the judgment was set aside."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _asked_by_the_service(self, "reasons")


class ImplementationNoticeForm(forms.Form):
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
        self.fields["effective_date"] = forms.DateField(
            label=_("In force from"), required=False, widget=_DATE
        )
        self.fields["title"] = forms.CharField(
            label=_("Title of the notice"), max_length=300, required=False
        )
        _asked_by_the_service(self, "proceeding_type", "effective_date", "title")


class WithdrawForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LinkCorrectionForm(forms.Form):
    """The party a link made in error should be for, and why. `parties`: the case's other
    parties, each with whether it is linked to someone else now."""

    party = forms.ChoiceField(label=_("The party it should be for"))
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=2000,
        help_text=_("The holder reads them with the correction; the audit trail keeps them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—")] + [
            (
                str(party.pk),
                labelled(bracketed(party.get_party_type_display(), party.position), party.name)
                + (f" · {_('linked to another holder')}" if party.linked_now else ""),
            )
            for party in parties
        ]
        for field in self.fields.values():
            field.conditional = True  # the service says what is missing, in its words
            field.required = False


class CourtLevelForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=10, required=False, help_text=_("Capital letters, e.g. DC.")
    )
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _asked_by_the_service(self, "code", "name_en", "name_zh")


class ProceedingTypeForm(forms.Form):
    def __init__(self, *args, court_levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court_level"] = forms.ChoiceField(
            label=_("Court level"),
            required=False,
            choices=[("", "—")]
            + [(str(level.pk), f"{level.code} · {level.name}") for level in court_levels],
        )
        self.fields["code"] = forms.CharField(
            label=_("Code"),
            max_length=10,
            required=False,
            help_text=_("Capital letters, as its case numbers begin, e.g. DCPI."),
        )
        self.fields["name_en"] = forms.CharField(
            label=_("Name in English"), max_length=200, required=False
        )
        self.fields["name_zh"] = forms.CharField(
            label=_("Name in Chinese"), max_length=200, required=False
        )
        _asked_by_the_service(self, "court_level", "code", "name_en", "name_zh")
