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

from kernel.signed_links import LinkRefused, link_make, link_read

ASSISTANCE_TOKEN_SECONDS = 120
# How long the back-office session opened by a token lasts.
ASSISTANCE_SESSION_SECONDS = 2 * 3600


@dataclass(frozen=True)
class AssistanceClaim:
    schema_name: str
    email: str
    token_id: str
    # The network account's id, which the member's audit rows keep by value.
    account_id: int | None = None


def assistance_token_make(
    *, schema_name: str, email: str, token_id: str, account_id: int | None = None
) -> str:
    return link_make(
        "assistance",
        {"m": schema_name, "e": email, "j": token_id, "u": account_id},
        schema_name=schema_name,
    )


def assistance_token_read(
    token: str, *, schema_name: str, max_age: int = ASSISTANCE_TOKEN_SECONDS
) -> AssistanceClaim:
    """The claim of a valid token for `schema_name`; LinkRefused when forged, expired or
    another member's."""
    data = link_read("assistance", token, max_age=max_age, kind=dict, schema_name=schema_name)
    email, token_id = data.get("e"), data.get("j")
    if data.get("m") != schema_name or not isinstance(email, str):
        raise LinkRefused("invalid")
    if not isinstance(token_id, str) or not token_id:
        raise LinkRefused("invalid")
    account_id = data.get("u")
    return AssistanceClaim(
        schema_name=schema_name,
        email=email,
        token_id=token_id,
        account_id=account_id if isinstance(account_id, int) else None,
    )


def assistance_ip_address(address: str | None) -> str | None:
    """The address as both sides' logs store it, or None when it is not an IP address."""
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None
