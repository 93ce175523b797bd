from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from citizens import SignInAttemptsMixin
from network.accounts.access import network_role


class NetworkSignInForm(SignInAttemptsMixin, AuthenticationForm):
    """E-mail and password of a network account; accounts without a network role (and member
    staff, whose accounts are not in the network's schema at all) are refused."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email", "dir": "ltr"}),
    )
    error_messages = {
        "invalid_login": _("This e-mail and password do not match a network account."),
        "inactive": _("This network account is disabled."),
        "no_role": _("This account has no role in the network."),
    }
    sign_in_scope = "network-sign-in"

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        self.cleaned_data["username"] = email
        self.refuse_when_too_many(email)
        return super().clean()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser and network_role(user) is None:
            raise forms.ValidationError(self.error_messages["no_role"], code="no_role")
