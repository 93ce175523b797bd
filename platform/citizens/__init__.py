"""What every feature that takes input from the public shares: cleaning, rate limits, bots.

- `clean_citizen_text`: text in, text out. Any HTML is removed (nh3, the Ammonia sanitizer,
  with no tag allowed), control characters dropped, whitespace normalised. Templates escape
  it again on output (Django's autoescape), so even a missed case cannot run in a page.
- `rate_limit_hit`: a fixed-window counter in the cache. Cache keys carry the member's schema,
  so a person's count at one member says nothing at another.
- `sign_in_attempts_exceeded`: the same counters for sign-in forms (network and members);
  `SignInAttemptsMixin` puts them in front of an AuthenticationForm.
- `HoneypotMixin`: a form field people never see; a bot that fills it is refused.
"""
import hashlib
import re
import unicodedata

import nh3
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    text = _BLANK_LINES.sub("\n\n", "\n".join(_SPACES.sub(" ", line).strip()
                                                for line in text.split("\n"))).strip()
    if max_length is not None and len(text) > max_length:
        raise ValidationError(_("Please keep it under %(limit)s characters.") % {"limit": max_length},
                              code="too_long")
    return text


def _fingerprint(value: str) -> str:
    # Rate-limit keys never hold an address or an e-mail in clear.
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:24]


def rate_limit_hit(*, scope: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one more action of `identity` in `scope`; True when it goes over `limit`."""
    key = f"ratelimit:{scope}:{_fingerprint(identity)}"
    if cache.add(key, 1, timeout=window_seconds):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return False


SIGN_IN_ATTEMPTS = 10
SIGN_IN_WINDOW_SECONDS = 15 * 60


def sign_in_attempts_exceeded(request, *, scope: str, identity: str) -> bool:
    """Count one sign-in attempt for this account and for this address; True once either is
    over its limit (10 an account, 50 an address, per 15 minutes)."""
    return (rate_limit_hit(scope=scope, identity=identity, limit=SIGN_IN_ATTEMPTS,
                           window_seconds=SIGN_IN_WINDOW_SECONDS)
            or rate_limit_hit(scope=f"{scope}-ip", identity=client_address(request),
                              limit=SIGN_IN_ATTEMPTS * 5, window_seconds=SIGN_IN_WINDOW_SECONDS))


class SignInAttemptsMixin:
    """For an AuthenticationForm: its `clean` refuses, with a clear message, once the account
    or the address is over the sign-in limit. Counted under `sign_in_scope`."""

    sign_in_scope = "sign-in"
    too_many_message = gettext_lazy("Too many attempts. Please wait a few minutes and try again.")

    def refuse_when_too_many(self, identity: str) -> None:
        if self.request is not None and sign_in_attempts_exceeded(
                self.request, scope=self.sign_in_scope, identity=identity):
            raise ValidationError(self.too_many_message, code="too_many")


def client_address(request) -> str:
    """The visitor's address (the last proxy hop is trusted when behind one)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[-1].strip() if forwarded else request.META.get("REMOTE_ADDR", "")


class HoneypotMixin(forms.Form):
    """Add to a public form; the field is hidden from people (CSS and aria) but bots fill it."""

    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This form could not be sent."), code="honeypot")
        return ""
