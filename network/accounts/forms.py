from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from citizens import sign_in_attempts_exceeded
from network.accounts.access import network_role


class NetworkSignInForm(AuthenticationForm):
    """E-mail and password of a network account; accounts without a network role (and member
    staff, whose accounts are not in the network's schema at all) are refused."""

    username = forms.EmailField(label=_("E-mail"),
                                widget=forms.EmailInput(attrs={"autofocus": True,
                                                               "autocomplete": "email",
                                                               "dir": "ltr"}))
    error_messages = {
        "invalid_login": _("This e-mail and password do not match a network account."),
        "inactive": _("This network account is disabled."),
        "no_role": _("This account has no role in the network."),
        "too_many": _("Too many attempts. Please wait a few minutes and try again."),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        self.cleaned_data["username"] = email
        if self.request is not None and sign_in_attempts_exceeded(
                self.request, scope="network-sign-in", identity=email):
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        return super().clean()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser and network_role(user) is None:
            raise forms.ValidationError(self.error_messages["no_role"], code="no_role")
