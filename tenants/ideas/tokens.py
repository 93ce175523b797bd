"""One-time links that confirm the e-mail address behind an idea, a support or a comment.

The consultations' mechanism, not a second one: a contribution waits until its author follows
a link signed for this member (the salt carries the schema), valid for
CONSULTATION_VERIFICATION_HOURS, used once (the contribution's state makes it single-use); the
confirmed address is then remembered in the visitor's session under the consultations' key,
so a person who confirmed an address on a consultation is not asked again here, and back.
The payload names what it confirms ("idea", "support", "comment"): ids repeat across tables.
"""
from django.core import signing
from django.db import connection

from tenants.consultations.tokens import LinkRefused, verification_hours  # noqa: F401

KINDS = ("idea", "support", "comment")


def _salt() -> str:
    return f"infitah.ideas.{connection.schema_name}"


def contribution_token_make(kind: str, pk: int) -> str:
    assert kind in KINDS
    return signing.dumps({"kind": kind, "pk": pk}, salt=_salt())


def contribution_token_read(token: str) -> tuple[str, int]:
    """(kind, id) the token was made for; LinkRefused when forged, foreign or expired."""
    try:
        value = signing.loads(token, salt=_salt(), max_age=verification_hours() * 3600)
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("invalid") from error
    if not (isinstance(value, dict) and value.get("kind") in KINDS
            and isinstance(value.get("pk"), int)):
        raise LinkRefused("invalid")
    return value["kind"], value["pk"]
