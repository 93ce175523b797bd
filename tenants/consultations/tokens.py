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


def _salt() -> str:
    return f"infitah.consultation-comment.{connection.schema_name}"


def comment_token_make(comment_pk: int) -> str:
    return signing.dumps({"comment": comment_pk}, salt=_salt())


def comment_token_read(token: str) -> int:
    """The comment id the token was made for; LinkRefused when forged, foreign or expired."""
    try:
        value = signing.loads(token, salt=_salt(), max_age=verification_hours() * 3600)
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("invalid") from error
    comment_pk = value.get("comment") if isinstance(value, dict) else None
    if not isinstance(comment_pk, int):
        raise LinkRefused("invalid")
    return comment_pk


def link_sent_message() -> str:
    """What a person reads after sending a comment that waits for its link."""
    return _("Thank you. Check your e-mail: your comment will be published once you follow "
             "the link we sent you (within %(hours)s hours).") % {"hours": verification_hours()}
