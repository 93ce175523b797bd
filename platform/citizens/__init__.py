"""What every feature that takes input from the public shares: cleaning, rate limits, bots.

- `clean_citizen_text`: text in, text out. Any HTML is removed (nh3, the Ammonia sanitizer,
  with no tag allowed), control characters dropped, whitespace normalised. Templates escape
  it again on output (Django's autoescape), so even a missed case cannot run in a page.
- The limits on public writes and sign-ins, and the visitor's address (`client_address`):
  `citizens.limits`, one table. `SignInAttemptsMixin` puts the sign-in limits around an
  AuthenticationForm's `clean`: a refused person is told how many minutes are left.
- `HoneypotMixin`: a form field people never see; a bot that fills it is refused.
"""

import re
import unicodedata

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citizens.limits import client_address as client_address  # the one place it is decided
from citizens.limits import (
    sign_in_failure_record,
    sign_in_succeeded,
    sign_in_wait_seconds,
    too_many_sign_in_failures_message,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_citizen_text(text: str, *, max_length: int | None = None) -> str:
    """Plain text from whatever a person typed or pasted (Arabic, French, Tifinagh...)."""
    text = unicodedata.normalize("NFC", text or "")
    text = nh3.clean(text, tags=set(), attributes={}, strip_comments=True)
    # nh3 escapes &, < and > in what it keeps; the text is stored plain and escaped on output.
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_LINES.sub(
        "\n\n", "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    ).strip()
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            _("Please keep it under %(limit)s characters.") % {"limit": max_length}, code="too_long"
        )
    return text


class SignInAttemptsMixin:
    """For an AuthenticationForm: the form's `clean` calls `refuse_when_too_many(identity)`
    first (a clear message with the minutes left once the account from this address, or the
    address, has failed too often), then `super().clean()`, which lands here: a refused
    password counts as a failure; a right one clears the pair's failures. Counted under
    `sign_in_scope`."""

    sign_in_scope = "sign-in"
    # Failures, not refusals for another reason (a disabled account knows its password).
    counted_failure_codes = ("invalid_login",)

    def refuse_when_too_many(self, identity: str) -> None:
        self._sign_in_identity = (identity or "").strip().lower()
        if self.request is None:
            return
        wait = sign_in_wait_seconds(
            self.request, scope=self.sign_in_scope, identity=self._sign_in_identity
        )
        if wait:
            raise ValidationError(too_many_sign_in_failures_message(wait), code="too_many")

    def clean(self):
        identity = getattr(self, "_sign_in_identity", None)
        if identity is None:
            identity = (self.cleaned_data.get("username") or "").strip().lower()
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if (
                self.request is not None
                and identity
                and getattr(error, "code", None) in self.counted_failure_codes
            ):
                sign_in_failure_record(self.request, scope=self.sign_in_scope, identity=identity)
            raise
        if self.request is not None and identity and self.get_user() is not None:
            sign_in_succeeded(self.request, scope=self.sign_in_scope, identity=identity)
        return cleaned


class HoneypotMixin(forms.Form):
    """Add to a public form; the field is hidden from people (CSS and aria) but bots fill it."""

    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This form could not be sent."), code="honeypot")
        return ""
