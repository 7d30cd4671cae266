from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Language
from accounts.services.passwords import IdentityCheck, RequestChannel
from accounts.services.termination import KEYED_IN_CHANNELS, TerminationIdentityCheck
from core.forms import BrowserDateInput

# As the API takes them: room for any passphrase, and no megabytes for the password hasher.
PASSWORD_MAX = 256


class LoginForm(forms.Form):
    # AUTH-2 [A33]: PA, SA and OU accounts log in with their organization's code as well.
    organization_code = forms.CharField(
        label=_("Organization Code (organization accounts only)"),
        help_text=_(
            "Primary Administrators, Secondary Administrators and Organization Users: enter "
            "your organization's code, e.g. K7QM4-XPD2R. Individual Users leave it empty."
        ),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    login_name = forms.CharField(
        label=_("Login name"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["organization_code", "login_name", "password"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Its label says whom it is for; "(optional)" would tell an organization holder wrong.
        self.fields["organization_code"].conditional = True


class OneTimeCodeForm(forms.Form):
    """OPS-1: the code a court officer's authenticator app shows."""

    one_time_code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits, e.g. 123456."),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class NewPasswordFields(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        help_text=_("At least 10 characters; not only digits; not a common password."),
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("New password again"),
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ActivationForm(NewPasswordFields):
    # The account's name beside its first password: a password manager saves the two together.
    login_name = forms.CharField(
        label=_("Login name"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    activation_code = forms.CharField(
        label=_("Activation code"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
    # ACT-4, AUTH-2: organization accounts only; an IU account has no code.
    organization_code = forms.CharField(
        label=_("Organization Code (organization accounts only)"),
        max_length=20,
        required=False,
        help_text=_(
            "Organization accounts (PA, SA and OU) only: as in the activation email. Leave "
            "empty for an Individual User account."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    surname = forms.CharField(
        label=_("Surname"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    # REG-10: an account registered by post title gives the post title in place of the names.
    post_title = forms.CharField(
        label=_("Post title (accounts registered by post title only)"),
        max_length=200,
        required=False,
        help_text=_("Only for an account registered by post title: then leave the names empty."),
    )
    phone = forms.CharField(
        label=_("Contact telephone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    field_order = [
        "login_name",
        "activation_code",
        "organization_code",
        "surname",
        "given_name",
        "post_title",
        "phone",
        "password",
        "password_confirm",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required or not depends on the account (names, or a post title; a code for an
        # organization's account): the activation itself says what is missing.
        for name in ("organization_code", "surname", "given_name"):
            self.fields[name].conditional = True

    def clean(self):
        data = super().clean()
        if not (data.get("post_title") or "").strip():
            for name in ("surname", "given_name"):
                if not (data.get(name) or "").strip() and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return data


class ResetPasswordForm(NewPasswordFields):
    login_name = forms.CharField(
        label=_("Login name"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    change_token = forms.CharField(
        label=_("Change Token"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    field_order = ["login_name", "change_token", "password", "password_confirm"]


class PasswordChangeForm(NewPasswordFields):
    current_password = forms.CharField(
        label=_("Current password"),
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["current_password", "password", "password_confirm"]


class HolderLoginNameForm(forms.Form):
    login_name = forms.CharField(label=_("Login name of the IU or PA account"), max_length=32)


class LoginNameForm(forms.Form):
    login_name = forms.CharField(
        label=_("Login name"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )


class AccountLookupForm(forms.Form):
    login_name = forms.CharField(label=_("Login name"), max_length=32)


class UnlockForm(forms.Form):
    login_name = forms.CharField(widget=forms.HiddenInput, max_length=32)
    reasons = forms.CharField(
        label=_("Reasons for unlocking"),
        help_text=_("E.g. who asked, and how you confirmed that it was the holder."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SecondFactorResetForm(forms.Form):
    login_name = forms.CharField(widget=forms.HiddenInput, max_length=32)
    reasons = forms.CharField(
        label=_("Reasons for resetting"),
        help_text=_(
            "E.g. the phone was lost or replaced, and how you confirmed that the staff member "
            "asked for it."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HolderSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, login name or identification document number"),
        max_length=100,
        strip=True,
    )


class StartPasswordResetForm(forms.Form):
    login_name = forms.CharField(widget=forms.HiddenInput, max_length=32)
    channel = forms.ChoiceField(
        label=_("How the request came"), choices=RequestChannel.choices, widget=forms.RadioSelect
    )
    identity_check = forms.ChoiceField(
        label=_("How identity was checked"),
        choices=IdentityCheck.choices,
        widget=forms.RadioSelect,
    )
    identity_note = forms.CharField(
        label=_("Note on the identity check"),
        help_text=_("E.g. which particulars were compared, or which document was seen."),
        max_length=500,
    )


class NameCorrectionForm(forms.Form):
    """A46: the right names of an IU or a PA, as the document the holder showed gives them."""

    login_name = forms.CharField(widget=forms.HiddenInput, max_length=32)
    surname = forms.CharField(label=_("Surname"), max_length=100)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    channel = forms.ChoiceField(
        label=_("How the request came"), choices=RequestChannel.choices, widget=forms.RadioSelect
    )
    document_note = forms.CharField(
        label=_("Document that shows the right name"),
        help_text=_("E.g. Hong Kong Identity Card seen at the counter, or a copy received by fax."),
        max_length=500,
    )
    reasons = forms.CharField(
        label=_("Reasons for the correction"),
        help_text=_("E.g. the given name was misspelt in the application."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProfileForm(forms.Form):
    """ROLE-1 row 1: what a holder changes in their own profile."""

    email = forms.CharField(
        label=_("Email address"),
        help_text=_("A new address is used once you confirm it with the code we email to it."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Contact telephone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the emails"), choices=Language.choices
    )


def your_password() -> forms.CharField:
    """The holder's password, asked again before a change that gives the account away (its
    email address, its end)."""
    return forms.CharField(
        label=_("Your password"),
        help_text=_("To confirm that it is you."),
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class EmailConfirmForm(forms.Form):
    """LIFE-1: the code sent to the new email address, and the holder's password."""

    confirmation_code = forms.CharField(
        label=_("Confirmation code"),
        help_text=_("From the email sent to your new address, e.g. ABCDE-FGHJK-LMNPQ-..."),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )
    password = your_password()


class OwnTerminationForm(forms.Form):
    """LIFE-2 [+]: an IU holder ends the account online."""

    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    password = your_password()


class IuTerminationForm(forms.Form):
    """LIFE-2 [A47]: a request by post, fax or email, keyed in by the Help Centre."""

    login_name = forms.CharField(widget=forms.HiddenInput, max_length=32)
    channel = forms.ChoiceField(
        label=_("How the request came"),
        choices=[(c.value, c.label) for c in KEYED_IN_CHANNELS],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=_("Date received"),
        help_text=_("E.g. 2026-03-31"),
        widget=BrowserDateInput(),
    )
    identity_check = forms.ChoiceField(
        label=_("How identity was checked"),
        choices=TerminationIdentityCheck.choices,
        widget=forms.RadioSelect,
    )
    identity_note = forms.CharField(
        label=_("Note on the identity check"),
        help_text=_("E.g. which particulars were compared, or the number called."),
        max_length=500,
    )
    reasons = forms.CharField(
        label=_("Reasons for ending the account"),
        help_text=_("E.g. the holder's own words in the request."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
