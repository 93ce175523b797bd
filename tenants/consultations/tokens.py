"""One-time links that confirm a comment's e-mail address (kernel.signed_links: signed for
one member, so a link made at Tétouan is worthless at Tanger). Links expire after
CONSULTATION_VERIFICATION_HOURS (48 by default); the comment's status makes them single-use
(a published comment is never "verified" again).
"""

from django.utils.translation import gettext as _

from kernel.signed_links import LinkRefused, link_make, link_read, verification_hours

__all__ = ["LinkRefused", "comment_token_make", "comment_token_read", "verification_hours"]


def comment_token_make(comment_pk: int) -> str:
    return link_make("consultation-comment", {"comment": comment_pk})


def comment_token_read(token: str) -> int:
    """The comment id the token was made for; LinkRefused when forged, foreign or expired."""
    payload = link_read(
        "consultation-comment", token, max_age=verification_hours() * 3600, kind=dict
    )
    if not isinstance(payload.get("comment"), int):
        raise LinkRefused("invalid")
    return payload["comment"]


def link_sent_message() -> str:
    """What a person reads after sending a comment that waits for its link."""
    return _(
        "Thank you. Check your e-mail: your comment will be published once you follow "
        "the link we sent you (within %(hours)s hours)."
    ) % {"hours": verification_hours()}
