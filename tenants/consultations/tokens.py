"""One-time links that confirm a comment's e-mail address (signed for one member).

The salt carries the member's schema, like tenants/site/tokens.py: comment ids repeat across
member schemas, so a link made at Tétouan is worthless at Tanger. Links expire after
CONSULTATION_VERIFICATION_HOURS (48 by default); the comment's status makes them single-use
(a published comment is never "verified" again).
"""

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils.translation import gettext as _


class LinkRefused(Exception):
    """Why a link was refused: "invalid", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


CONSULTATION_VERIFICATION_HOURS = 48


def verification_hours() -> int:
    return getattr(settings, "CONSULTATION_VERIFICATION_HOURS", CONSULTATION_VERIFICATION_HOURS)


def member_link_make(purpose: str, payload: dict) -> str:
    """A link token signed for `purpose` in this member only (the salt carries the schema)."""
    return signing.dumps(payload, salt=f"infitah.{purpose}.{connection.schema_name}")


def member_link_read(purpose: str, token: str) -> dict:
    """The payload of a token made by `member_link_make(purpose, ...)` in this member;
    LinkRefused when forged, made elsewhere, for another purpose or expired. Shared by the
    confirmation links of comments, ideas and survey responses."""
    try:
        value = signing.loads(
            token,
            salt=f"infitah.{purpose}.{connection.schema_name}",
            max_age=verification_hours() * 3600,
        )
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("invalid") from error
    if not isinstance(value, dict):
        raise LinkRefused("invalid")
    return value


def comment_token_make(comment_pk: int) -> str:
    return member_link_make("consultation-comment", {"comment": comment_pk})


def comment_token_read(token: str) -> int:
    """The comment id the token was made for; LinkRefused when forged, foreign or expired."""
    comment_pk = member_link_read("consultation-comment", token).get("comment")
    if not isinstance(comment_pk, int):
        raise LinkRefused("invalid")
    return comment_pk


def link_sent_message() -> str:
    """What a person reads after sending a comment that waits for its link."""
    return _(
        "Thank you. Check your e-mail: your comment will be published once you follow "
        "the link we sent you (within %(hours)s hours)."
    ) % {"hours": verification_hours()}
