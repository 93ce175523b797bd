"""Links signed for one subscriber of one member: verify, manage, unsubscribe, follow.

kernel.signed_links signs them for the member and the purpose (subscriber ids repeat across
member schemas, so a link made at Tétouan is worthless at Tanger, and an unsubscribe link
cannot be used as a manage link); the payload carries the subscriber's token, so drawing a new
token makes every old link worthless (a person who unsubscribes and comes back gets new
links).
"""

from kernel.signed_links import LinkRefused, link_make, link_read

__all__ = ["LinkRefused", "follow_token_read", "subscriber_token_make", "subscriber_token_read"]

VERIFY_MAX_AGE_SECONDS = 7 * 24 * 3600
PURPOSES = ("verify", "manage", "unsubscribe", "follow")


def subscriber_token_make(*, subscriber_pk: int, token: str, purpose: str, follow: str = "") -> str:
    assert purpose in PURPOSES
    payload = {"s": subscriber_pk, "t": token, **({"f": follow} if follow else {})}
    return link_make(f"notifications.{purpose}", payload, compress=True)


def subscriber_token_read(signed: str, *, purpose: str) -> tuple[int, str]:
    """(subscriber id, subscriber token); LinkRefused when forged, foreign, stale or expired."""
    value = _read(signed, purpose)
    return value["s"], value["t"]


def follow_token_read(signed: str) -> tuple[int, str, str]:
    """(subscriber id, token, "petition:7") of a link that confirms one more follow."""
    value = _read(signed, "follow")
    if not isinstance(value.get("f"), str):
        raise LinkRefused("invalid")
    return value["s"], value["t"], value["f"]


def _read(signed: str, purpose: str) -> dict:
    max_age = VERIFY_MAX_AGE_SECONDS if purpose in ("verify", "follow") else None
    value = link_read(f"notifications.{purpose}", signed, max_age=max_age, kind=dict)
    if not (isinstance(value.get("s"), int) and isinstance(value.get("t"), str)):
        raise LinkRefused("invalid")
    return value
