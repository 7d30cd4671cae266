from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountStatus, Language
from core.forms import BrowserDateInput
from permissions.roles import OptionalRole, Role


class BranchForm(forms.Form):
    code = forms.CharField(
        label=_("Branch code"),
        max_length=40,
        help_text=_('Up to 20 letters, digits and hyphens, e.g. "HK-CENTRAL".'),
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    name = forms.CharField(label=_("Branch name"), max_length=200, required=False)


class _ParticularsForm(forms.Form):
    surname = forms.CharField(
        label=_("Surname"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        # A25: what is done with the login name is deemed done by the holder.
        help_text=_(
            "The holder's own email address, not one shared with others: the login name and "
            "activation code are sent here."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Contact telephone number"),
        max_length=40,
        help_text=_("The holder enters it again to activate the account."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Address"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, branches=(), post_based=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"] = forms.TypedChoiceField(
            label=_("Branch"),
            coerce=int,
            choices=[("", _("Choose a branch"))] + [(b.pk, str(b.code)) for b in branches],
        )
        # Names, or a post title: the service says which is missing.
        self.fields["surname"].conditional = True
        self.fields["given_name"].conditional = True
        if post_based:
            self.fields["email"].help_text = _(
                "The holder's own email address, or the post's for an account registered by post "
                "title: the login name and activation code are sent here."
            )
            self.fields["post_title"] = forms.CharField(
                label=_("Post title"),
                max_length=200,
                required=False,
                help_text=_("For an account registered by post title: then leave the names empty."),
            )

    def clean(self):
        cleaned = super().clean()
        if self.errors and not (cleaned.get("post_title") or "").strip():
            # Another field is refused before the service is asked: say now what it would
            # say of empty names too, so that one sending shows every problem (NFR-4).
            for field, message in (
                ("surname", _("Enter the surname.")),
                ("given_name", _("Enter the given name.")),
            ):
                if not (cleaned.get(field) or "").strip() and field not in self.errors:
                    self.add_error(field, message)
        return cleaned


class AccountCreateForm(_ParticularsForm):
    effective_end_date = forms.DateField(
        label=_("Effective end date"),
        help_text=_("The last day the account can be used; you can revise it later."),
        widget=BrowserDateInput(),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the emails"), choices=Language.choices, initial=Language.EN
    )

    def __init__(self, *args, may_give_optional_roles=False, role=Role.OU, **kwargs):
        super().__init__(*args, **kwargs)
        if role == Role.SA and may_give_optional_roles:
            self.fields["optional_roles"] = forms.MultipleChoiceField(
                label=_("Optional roles"),
                choices=OptionalRole.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )


class ProfileEditForm(_ParticularsForm):
    pass


class EndDateForm(forms.Form):
    effective_end_date = forms.DateField(
        label=_("New effective end date"),
        widget=BrowserDateInput(),
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, max_length=1000, widget=forms.TextInput
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the account's page also holds the suspend form's "reasons".
        kwargs.setdefault("auto_id", "end-date-%s")
        super().__init__(*args, **kwargs)


class ReasonsForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OptionalRolesForm(forms.Form):
    optional_roles = forms.MultipleChoiceField(
        label=_("Optional roles"),
        choices=OptionalRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AccountFilterForm(forms.Form):
    def __init__(self, *args, branches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"] = forms.ChoiceField(
            label=_("Branch"),
            required=False,
            choices=[("", _("All branches"))] + [(str(b.pk), str(b.code)) for b in branches],
        )
        self.fields["role"] = forms.ChoiceField(
            label=_("Account type"),
            required=False,
            choices=[("", _("All types"))]
            + [(r.value, r.label) for r in (Role.PA, Role.SA, Role.OU)],
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"),
            required=False,
            choices=[("", _("All states"))]
            + [
                (s.value, s.label)
                for s in (
                    AccountStatus.PENDING_ACTIVATION,
                    AccountStatus.ACTIVE,
                    AccountStatus.SUSPENDED,
                    AccountStatus.TERMINATED,
                )
            ],
        )
