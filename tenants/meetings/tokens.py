"""Cancel links of registrations, signed for one member.

Registration ids repeat across member schemas, so the signature is salted with the schema: a
link made at Tétouan is worthless at Tanger, even for a registration with the same id there.
"""

from django.core import signing
from django.db import connection


def _salt() -> str:
    return f"infitah.meeting-registration-cancel.{connection.schema_name}"


def cancel_token_make(registration) -> str:
    return signing.dumps(registration.pk, salt=_salt())


def cancel_token_read(token: str) -> int | None:
    """The registration id a token names, or None when it was not signed here."""
    try:
        pk = signing.loads(token, salt=_salt())
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None
