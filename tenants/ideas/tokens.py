"""One-time links that confirm the e-mail address behind an idea, a support or a comment.

The consultations' mechanism, not a second one: a contribution waits until its author follows
a link signed for this member (the salt carries the schema), valid for
CONSULTATION_VERIFICATION_HOURS, used once (the contribution's state makes it single-use); the
confirmed address is then remembered in the visitor's session under the consultations' key,
so a person who confirmed an address on a consultation is not asked again here, and back.
The payload names what it confirms ("idea", "support", "comment"): ids repeat across tables.
"""

# verification_hours is read from here by the ideas' services and pages.
from tenants.consultations.tokens import (  # noqa: F401
    LinkRefused,
    member_link_make,
    member_link_read,
    verification_hours,
)

KINDS = ("idea", "support", "comment")


def contribution_token_make(kind: str, pk: int) -> str:
    assert kind in KINDS
    return member_link_make("ideas", {"kind": kind, "pk": pk})


def contribution_token_read(token: str) -> tuple[str, int]:
    """(kind, id) the token was made for; LinkRefused when forged, foreign or expired."""
    value = member_link_read("ideas", token)
    if not (value.get("kind") in KINDS and isinstance(value.get("pk"), int)):
        raise LinkRefused("invalid")
    return value["kind"], value["pk"]
