"""One-time links that confirm a response's e-mail address (signed for one member).

The consultations' mechanism (tenants/consultations/tokens.py), for responses: the salt carries
the member's schema (response ids repeat across members, so a link made at Tétouan is worthless
at Tanger), links expire after the same CONSULTATION_VERIFICATION_HOURS, and the response's
status makes them single-use. Refusals are the consultations' `LinkRefused`.
"""

from tenants.consultations.tokens import (
    LinkRefused,
    member_link_make,
    member_link_read,
    verification_hours,
)

__all__ = ["LinkRefused", "response_token_make", "response_token_read", "verification_hours"]


def response_token_make(response_pk: int) -> str:
    return member_link_make("survey-response", {"response": response_pk})


def response_token_read(token: str) -> int:
    """The response id the token was made for; LinkRefused when forged, foreign or expired."""
    response_pk = member_link_read("survey-response", token).get("response")
    if not isinstance(response_pk, int):
        raise LinkRefused("invalid")
    return response_pk
