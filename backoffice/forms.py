from django import forms
from django.utils.translation import gettext_lazy as _


class HolderLoginNameForm(forms.Form):
    login_name = forms.CharField(label=_("Login name of the IU or PA account"), max_length=32)


class QueueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Application reference or identification document number"),
        required=False,
        max_length=40,
    )
