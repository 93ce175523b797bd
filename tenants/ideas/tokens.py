"""One-time links that confirm the e-mail address behind an idea, a support or a comment.

Signed for this member (kernel.signed_links), valid for CONSULTATION_VERIFICATION_HOURS like a
comment's, used once (the contribution's state makes it single-use); the confirmed address is
then remembered in the visitor's session under the consultations' key, so a person who
confirmed an address on a consultation is not asked again here, and back. The payload names
what it confirms ("idea", "support", "comment"): ids repeat across tables.
"""

from kernel.signed_links import LinkRefused, link_make, link_read, verification_hours

# verification_hours is read from here by the ideas' services and pages.
__all__ = [
    "LinkRefused",
    "contribution_token_make",
    "contribution_token_read",
    "verification_hours",
]

KINDS = ("idea", "support", "comment")


def contribution_token_make(kind: str, pk: int) -> str:
    assert kind in KINDS
    return link_make("ideas", {"kind": kind, "pk": pk})


def contribution_token_read(token: str) -> tuple[str, int]:
    """(kind, id) the token was made for; LinkRefused when forged, foreign or expired."""
    value = link_read("ideas", token, max_age=verification_hours() * 3600, kind=dict)
    if not (value.get("kind") in KINDS and isinstance(value.get("pk"), int)):
        raise LinkRefused("invalid")
    return value["kind"], value["pk"]
