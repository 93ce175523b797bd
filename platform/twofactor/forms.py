from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
                "class": "form-control",
            }
        ),
    )


class EnrolForm(CodeForm):
    """The first code of a newly scanned authenticator, which proves the scan."""

    code = forms.CharField(
        label=_("Code shown by the app"),
        max_length=20,
        help_text=_("Six digits, without spaces."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "inputmode": "numeric",
                "class": "form-control",
            }
        ),
    )
