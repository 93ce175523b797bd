"""The limits on public writes: one table (`PUBLIC_WRITE_LIMITS`), read by every form and API.

A row says what is limited, per whom (an e-mail, the visitor's address, or for sign-ins an
account at an address), how many and per what window; a new public form adds a row, not a copy
of the counting. Forms and APIs name their row once, at import (`LimitedWrite("ideas:idea")`):
a row the table lacks fails at start-up, and the table's test knows every row is read. Then
`reached(request, email=...)` counts one write for a form, and `throttle(...)` does the same
for an API, answering 429 with `Retry-After`.

Counters are fixed windows in the cache, whose keys carry the member's schema: a person's
count at one member says nothing at another. Keys hold addresses and e-mails hashed, never in
clear. Sign-ins count failures only, not attempts (`sign_in_failure_record` below).
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.exceptions import Throttled

HOUR = 3600
DAY = 24 * HOUR


@dataclass(frozen=True)
class Limit:
    what: str  # for the docs (docs/architecture.md prints the table)
    window: int  # seconds; each counter's window starts at its first write
    per_email: int | None = None
    per_address: int | None = None
    per_account_at_address: int | None = None  # sign-ins: a stranger never locks a person out
    refusal: str | Promise = ""  # what the refused person reads, on the form and in the API


# Addresses are shared (a family, a school, a cyber café), hence the wider limits per address.
PUBLIC_WRITE_LIMITS: dict[str, Limit] = {
    "consultations:comment": Limit(
        what="a comment on a consultation",
        per_email=5,
        per_address=20,
        window=HOUR,
        refusal=_("You have sent many comments in a short time. Please try again in an hour."),
    ),
    "consultations:report": Limit(
        what="a report of a consultation's comment",
        per_address=10,
        window=HOUR,
        refusal=_("You have sent many reports in a short time. Please try again in an hour."),
    ),
    "ideas:idea": Limit(
        what="an idea for the draft programme",
        per_email=3,
        per_address=15,
        window=HOUR,
        refusal=_("You have sent many ideas in a short time. Please try again in an hour."),
    ),
    "ideas:support": Limit(
        what="a support of an idea",
        per_email=30,
        per_address=60,
        window=HOUR,
        refusal=_("You have sent many supports in a short time. Please try again in an hour."),
    ),
    "ideas:comment": Limit(
        what="a comment on an idea",
        per_email=5,
        per_address=20,
        window=HOUR,
        refusal=_("You have sent many comments in a short time. Please try again in an hour."),
    ),
    "ideas:report": Limit(
        what="a report of an idea or of its comment",
        per_address=10,
        window=HOUR,
        refusal=_("You have sent many reports in a short time. Please try again in an hour."),
    ),
    "surveys:response": Limit(
        what="an answer to a survey (per e-mail when one is given)",
        per_email=5,
        per_address=20,
        window=HOUR,
        refusal=_("Many answers were sent from here in a short time. Please try again in an hour."),
    ),
    "information_requests:filing": Limit(
        what="an information request filed online",
        per_email=5,
        per_address=5,
        window=HOUR,
        refusal=_(
            "Too many requests were sent from here in the last hour. Please try again later."
        ),
    ),
    "petitions:file": Limit(
        what="a petition filed online",
        per_address=3,
        window=DAY,
        refusal=_("Too many attempts from your connection. Please try again later."),
    ),
    # Every attempt counts, valid or not: nobody tries national ID numbers one after another.
    "petitions:sign": Limit(
        what="a signature of a petition",
        per_address=20,
        window=HOUR,
        refusal=_("Too many attempts from your connection. Please try again later."),
    ),
    "meetings:registration": Limit(
        what="a registration for a meeting",
        per_email=5,
        per_address=30,
        window=HOUR,
        refusal=_("Too many registrations from you in a short time: please try again later."),
    ),
    "notifications:subscribe": Limit(
        what="a subscription to the member's news",
        per_email=5,
        per_address=20,
        window=HOUR,
        refusal=_(
            "Too many subscriptions were sent from here in the last hour. Please try again later."
        ),
    ),
    # Failures only, on the workspace, the back office and the network (two-factor codes in
    # their own counters); the refusal tells the minutes left (too_many_sign_in_failures_message).
    "sign-in": Limit(
        what="a failed sign-in",
        per_account_at_address=10,
        per_address=50,
        window=15 * 60,
    ),
}

_rows_read: set[str] = set()


def rows_read() -> set[str]:
    """The rows some form or API has named (tests/test_public_write_limits.py)."""
    return set(_rows_read)


def _fingerprint(value: str) -> str:
    # Keys never hold an address or an e-mail in clear.
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:24]


def _count(key: str, *, limit: int, window: int) -> int:
    """Count one more write under `key`; 0 while within `limit`, else the seconds left in the
    window."""
    if cache.add(key, 1, timeout=window):
        return 0
    try:
        if cache.incr(key) <= limit:
            return 0
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 0
    return cache.ttl(key) or window


class LimitedWrite:
    """A public write, as a form or an API takes it, with its row of PUBLIC_WRITE_LIMITS (read
    at each write, so the table is the only place the numbers live)."""

    def __init__(self, scope: str):
        if scope not in PUBLIC_WRITE_LIMITS:
            raise KeyError(f"{scope!r} is not a row of citizens.limits.PUBLIC_WRITE_LIMITS")
        self.scope = scope
        _rows_read.add(scope)

    @property
    def limit(self) -> Limit:
        return PUBLIC_WRITE_LIMITS[self.scope]

    @property
    def refusal(self) -> str | Promise:
        return self.limit.refusal

    def _seconds_to_wait(self, request, email: str | None) -> int:
        limit = self.limit
        if limit.per_email is not None and email is None:
            raise TypeError(f"{self.scope} is limited per e-mail: give the e-mail (or '')")
        counters = [("address", client_address(request), limit.per_address)]
        if email:  # an anonymous survey answer has none
            counters.append(("email", email, limit.per_email))
        waits = [
            _count(
                f"ratelimit:{self.scope}:{who}:{_fingerprint(identity)}",
                limit=count,
                window=limit.window,
            )
            for who, identity, count in counters
            if count is not None
        ]
        return max(waits, default=0)

    def reached(self, request, *, email: str | None = None) -> bool:
        """Count one write of this e-mail and of the request's address; True when either has
        gone over its limit (the form then shows `refusal` with a 429 and writes nothing)."""
        return self._seconds_to_wait(request, email) > 0

    def throttle(self, request, *, email: str | None = None) -> None:
        """For an API: count one write as `reached` does; over the limit, a 429 with the
        refusal and `Retry-After` (the seconds left in the window)."""
        wait = self._seconds_to_wait(request, email)
        if wait:
            raise Throttled(wait=wait, detail=str(self.refusal))


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


# Sign-ins (network and members) ----------------------------------------------------------------
# Only failed sign-ins count, per (account, address) pair and, wider, per address, the way
# django-axes counts them; a right password clears its pair. Why not django-axes: it takes one
# failure limit for every lockout parameter (no wider limit per address than per pair), puts a
# backend first in AUTHENTICATION_BACKENDS and a middleware in every schema, and answers a
# lockout with its own response rather than the form's error summary.

SIGN_IN = LimitedWrite("sign-in")


def _sign_in_keys(request, *, scope: str, identity: str) -> list[tuple[str, int]]:
    address = _fingerprint(client_address(request))
    limit = SIGN_IN.limit
    return [
        (f"signin:{scope}:pair:{_fingerprint(identity)}:{address}", limit.per_account_at_address),
        (f"signin:{scope}:address:{address}", limit.per_address),
    ]


def sign_in_failure_record(request, *, scope: str, identity: str) -> None:
    """Count one failed sign-in of `identity` from the request's address (and of the address).
    Each counter's window starts at its first failure; its start is kept to tell the time
    left. Cache keys carry the member's schema: a count at one member says nothing at another."""
    window = SIGN_IN.limit.window
    for key, _limit in _sign_in_keys(request, scope=scope, identity=identity):
        if cache.add(key, 1, timeout=window):
            cache.set(f"{key}:since", time.time(), timeout=window)
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            cache.set(f"{key}:since", time.time(), timeout=window)


def sign_in_wait_seconds(request, *, scope: str, identity: str) -> int:
    """0 when `identity` may try to sign in from this address; else the seconds left before
    it may (its pair, or the address, has failed too often). Counts nothing."""
    keys = _sign_in_keys(request, scope=scope, identity=identity)
    counts = cache.get_many([key for key, _limit in keys])
    wait = 0
    for key, limit in keys:
        if (counts.get(key) or 0) >= limit:
            since = cache.get(f"{key}:since") or time.time()
            wait = max(wait, int(since + SIGN_IN.limit.window - time.time()) + 1)
    return wait


def sign_in_succeeded(request, *, scope: str, identity: str) -> None:
    """A right password clears the failures of its pair (not those of the address)."""
    key = _sign_in_keys(request, scope=scope, identity=identity)[0][0]
    cache.delete_many([key, f"{key}:since"])


def too_many_sign_in_failures_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed attempts. Please try again in %(minutes)s minute.",
        "Too many failed attempts. Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}
