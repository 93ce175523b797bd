"""Links signed for one subscriber of one member: verify, manage, unsubscribe.

The salt carries the member's schema and the link's purpose (subscriber ids repeat across
member schemas, so a link made at Tétouan is worthless at Tanger, and an unsubscribe link
cannot be used as a manage link); the payload carries the subscriber's token, so drawing a new
token makes every old link worthless (a person who unsubscribes and comes back gets new
links).
"""

from django.core import signing
from django.db import connection

VERIFY_MAX_AGE_SECONDS = 7 * 24 * 3600
PURPOSES = ("verify", "manage", "unsubscribe", "follow")


class LinkRefused(Exception):
    pass


def _salt(purpose: str) -> str:
    return f"infitah.notifications.{purpose}.{connection.schema_name}"


def subscriber_token_make(*, subscriber_pk: int, token: str, purpose: str, follow: str = "") -> str:
    assert purpose in PURPOSES
    payload = {"s": subscriber_pk, "t": token, **({"f": follow} if follow else {})}
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def subscriber_token_read(signed: str, *, purpose: str) -> tuple[int, str]:
    """(subscriber id, subscriber token); LinkRefused when forged, foreign, stale or expired."""
    value = _read(signed, purpose)
    return value["s"], value["t"]


def follow_token_read(signed: str) -> tuple[int, str, str]:
    """(subscriber id, token, "petition:7") of a link that confirms one more follow."""
    value = _read(signed, "follow")
    if not isinstance(value.get("f"), str):
        raise LinkRefused("follow")
    return value["s"], value["t"], value["f"]


def _read(signed: str, purpose: str) -> dict:
    max_age = VERIFY_MAX_AGE_SECONDS if purpose in ("verify", "follow") else None
    try:
        value = signing.loads(signed, salt=_salt(purpose), max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired included
        raise LinkRefused(purpose) from error
    if not (
        isinstance(value, dict)
        and isinstance(value.get("s"), int)
        and isinstance(value.get("t"), str)
    ):
        raise LinkRefused(purpose)
    return value
