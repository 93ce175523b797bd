"""Signed links: a payload signed for one purpose in one member, read back or refused.

Ids repeat across member schemas, so the salt carries the member's schema as well as the
purpose (`infitah.<purpose>.<schema>`): a link made at Tétouan does not even verify at Tanger,
and an unsubscribe link cannot be used as a manage link. Every link the platform signs goes
through here (confirmation, subscriber, cancel, requester and assistance links, the staff's
password links' salt, the staff pages' previews), and every refusal is one `LinkRefused`.

The salts are those the links were first made with: a link already sent keeps working
(tests/test_signed_links.py makes tokens the way the code before this module did).
"""

from typing import Any

from django.conf import settings
from django.core import signing
from django.db import connection

# How long a link that confirms an e-mail address lives (a comment, an idea, a survey
# response): the setting keeps the consultations' name, where it was first used.
VERIFICATION_HOURS = 48


class LinkRefused(Exception):
    """Why a link was refused: "invalid" (forged, made in another member or for another
    purpose, malformed), "expired", or what its reader adds ("used", "answered"...)."""

    def __init__(self, reason: str = "invalid"):
        super().__init__(reason)
        self.reason = reason


def verification_hours() -> int:
    return getattr(settings, "CONSULTATION_VERIFICATION_HOURS", VERIFICATION_HOURS)


def member_salt(purpose: str, *, schema_name: str | None = None) -> str:
    """The salt of `purpose` in one member: the current one unless `schema_name` is given
    (the network mints assistance links for a member from the public schema)."""
    return f"infitah.{purpose}.{schema_name or connection.schema_name}"


def link_make(
    purpose: str, payload: Any, *, schema_name: str | None = None, compress: bool = False
) -> str:
    """A token for `payload` (JSON: a dict, a number...), signed for `purpose` in one member."""
    return signing.dumps(
        payload, salt=member_salt(purpose, schema_name=schema_name), compress=compress
    )


def link_read(
    purpose: str,
    token: str,
    *,
    max_age: int | None = None,
    kind: type | None = None,
    schema_name: str | None = None,
    former_salt: str = "",
) -> Any:
    """The payload of a token made by `link_make(purpose, ...)` in this member (or
    `schema_name`), no older than `max_age` seconds and an instance of `kind` when given;
    LinkRefused otherwise. `former_salt`: the salt a purpose was signed with before it was
    signed per member, still read while its tokens may be alive."""
    salts = [member_salt(purpose, schema_name=schema_name), *([former_salt] if former_salt else [])]
    for salt in salts:
        try:
            payload = signing.loads(token, salt=salt, max_age=max_age)
        except signing.SignatureExpired as error:
            raise LinkRefused("expired") from error
        # A signature with non-ASCII characters makes hmac's comparison raise TypeError.
        except (signing.BadSignature, TypeError, ValueError):
            continue
        if kind is not None and not isinstance(payload, kind):
            raise LinkRefused("invalid")
        return payload
    raise LinkRefused("invalid")
