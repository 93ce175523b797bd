"""Assistance tokens: how a directorate administrator opens a member's back office.

Minted on the network's host (network/console), redeemed on the member's host
(tenants/site/assistance.py); this module is the one both sides share, so neither imports
the other. A token is signed with a salt that carries the member's schema (a token of one
member does not even verify on another), names its member again in the payload, expires
after ASSISTANCE_TOKEN_SECONDS, and carries a random id that the member records when the
token is used: a second use is refused by a unique constraint in the member's schema.
"""

import ipaddress
from dataclasses import dataclass

from django.core import signing

ASSISTANCE_TOKEN_SECONDS = 120
# How long the back-office session opened by a token lasts.
ASSISTANCE_SESSION_SECONDS = 2 * 3600


def _salt(schema_name: str) -> str:
    return f"infitah.assistance.{schema_name}"


@dataclass(frozen=True)
class AssistanceClaim:
    schema_name: str
    email: str
    token_id: str


def assistance_token_make(*, schema_name: str, email: str, token_id: str) -> str:
    return signing.dumps({"m": schema_name, "e": email, "j": token_id}, salt=_salt(schema_name))


def assistance_token_read(
    token: str, *, schema_name: str, max_age: int = ASSISTANCE_TOKEN_SECONDS
) -> AssistanceClaim | None:
    """The claim of a valid token for `schema_name`, or None (forged, expired, another
    member's)."""
    try:
        data = signing.loads(token, salt=_salt(schema_name), max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("m") != schema_name:
        return None
    email, token_id = data.get("e"), data.get("j")
    if not isinstance(email, str) or not isinstance(token_id, str) or not token_id:
        return None
    return AssistanceClaim(schema_name=schema_name, email=email, token_id=token_id)


def assistance_ip_address(address: str | None) -> str | None:
    """The address as both sides' logs store it, or None when it is not an IP address."""
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None
