"""One-time links that confirm a response's e-mail address (signed for one member).

The consultations' mechanism (tenants/consultations/tokens.py), for responses: the salt carries
the member's schema (response ids repeat across members, so a link made at Tétouan is worthless
at Tanger), links expire after the same CONSULTATION_VERIFICATION_HOURS, and the response's
status makes them single-use. Refusals are the consultations' `LinkRefused`.
"""
from django.core import signing
from django.db import connection

from tenants.consultations.tokens import LinkRefused, verification_hours

__all__ = ["LinkRefused", "response_token_make", "response_token_read", "verification_hours"]


def _salt() -> str:
    return f"infitah.survey-response.{connection.schema_name}"


def response_token_make(response_pk: int) -> str:
    return signing.dumps({"response": response_pk}, salt=_salt())


def response_token_read(token: str) -> int:
    """The response id the token was made for; LinkRefused when forged, foreign or expired."""
    try:
        value = signing.loads(token, salt=_salt(), max_age=verification_hours() * 3600)
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("invalid") from error
    response_pk = value.get("response") if isinstance(value, dict) else None
    if not isinstance(response_pk, int):
        raise LinkRefused("invalid")
    return response_pk
