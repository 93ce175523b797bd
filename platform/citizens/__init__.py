"""What every feature that takes input from the public shares: cleaning, rate limits, bots.

- `clean_citizen_text`: text in, text out. Any HTML is removed (nh3, the Ammonia sanitizer,
  with no tag allowed), control characters dropped, whitespace normalised. Templates escape
  it again on output (Django's autoescape), so even a missed case cannot run in a page.
- `rate_limit_hit`: a fixed-window counter in the cache. Cache keys carry the member's schema,
  so a person's count at one member says nothing at another.
- Sign-in limits (network and members): only failed sign-ins count, per (account, address)
  pair and, wider, per address, the way django-axes counts them; a stranger failing from
  another address never locks a person out, and a refused person is told how many minutes
  are left. `SignInAttemptsMixin` puts them around an AuthenticationForm's `clean`.
- `HoneypotMixin`: a form field people never see; a bot that fills it is refused.
"""

import hashlib
import ipaddress
import math
import re
import time
import unicodedata

import nh3
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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


SIGN_IN_FAILURES = 10  # per (account, address) pair
SIGN_IN_FAILURES_PER_ADDRESS = 50  # whatever the accounts tried from that address
SIGN_IN_WINDOW_SECONDS = 15 * 60

# Why not django-axes: it takes one failure limit for every lockout parameter (no wider limit
# per address than per pair), puts a backend first in AUTHENTICATION_BACKENDS and a middleware
# in every schema, and answers a lockout with its own response rather than the form's error
# summary. Its cache handler would key per schema through our KEY_FUNCTION, but the counting
# it adds is these few lines.


def _sign_in_keys(request, *, scope: str, identity: str) -> list[tuple[str, int]]:
    address = client_address(request)
    return [
        (f"signin:{scope}:pair:{_fingerprint(identity)}:{_fingerprint(address)}", SIGN_IN_FAILURES),
        (f"signin:{scope}:address:{_fingerprint(address)}", SIGN_IN_FAILURES_PER_ADDRESS),
    ]


def sign_in_failure_record(request, *, scope: str, identity: str) -> None:
    """Count one failed sign-in of `identity` from the request's address (and of the address).
    Each counter's window starts at its first failure; its start is kept to tell the time
    left. Cache keys carry the member's schema: a count at one member says nothing at another."""
    for key, _limit in _sign_in_keys(request, scope=scope, identity=identity):
        if cache.add(key, 1, timeout=SIGN_IN_WINDOW_SECONDS):
            cache.set(f"{key}:since", time.time(), timeout=SIGN_IN_WINDOW_SECONDS)
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=SIGN_IN_WINDOW_SECONDS)
            cache.set(f"{key}:since", time.time(), timeout=SIGN_IN_WINDOW_SECONDS)


def sign_in_wait_seconds(request, *, scope: str, identity: str) -> int:
    """0 when `identity` may try to sign in from this address; else the seconds left before
    it may (its pair, or the address, has failed too often). Counts nothing."""
    keys = _sign_in_keys(request, scope=scope, identity=identity)
    counts = cache.get_many([key for key, _limit in keys])
    wait = 0
    for key, limit in keys:
        if (counts.get(key) or 0) >= limit:
            since = cache.get(f"{key}:since") or time.time()
            wait = max(wait, int(since + SIGN_IN_WINDOW_SECONDS - time.time()) + 1)
    return wait


def sign_in_succeeded(request, *, scope: str, identity: str) -> None:
    """A right password clears the failures of its pair (not those of the address)."""
    key = _sign_in_keys(request, scope=scope, identity=identity)[0][0]
    cache.delete_many([key, f"{key}:since"])


def sign_in_attempts_exceeded(request, *, scope: str, identity: str) -> bool:
    """True while `identity` may not try to sign in from this address. Counts nothing."""
    return sign_in_wait_seconds(request, scope=scope, identity=identity) > 0


def too_many_sign_in_failures_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed attempts. Please try again in %(minutes)s minute.",
        "Too many failed attempts. Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


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


def client_address(request) -> str:
    """The visitor's address, for every per-address limit.

    Only the TRUSTED_PROXY_COUNT proxies the operator declares are believed: each appends the
    address it saw to X-Forwarded-For, so the visitor is the hop the outermost one wrote, and
    whatever a visitor put further left is theirs to invent. With none declared (gunicorn
    reached directly) the header is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    # Fewer hops than proxies: the request skipped the outer ones; the first hop is a proxy's.
    candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


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
