"""One-time links that confirm a response's e-mail address (kernel.signed_links: signed for
one member, as response ids repeat across members), valid for CONSULTATION_VERIFICATION_HOURS
like a comment's; the response's status makes them single-use.
"""

from kernel.signed_links import LinkRefused, link_make, link_read, verification_hours

__all__ = ["LinkRefused", "response_token_make", "response_token_read", "verification_hours"]


def response_token_make(response_pk: int) -> str:
    return link_make("survey-response", {"response": response_pk})


def response_token_read(token: str) -> int:
    """The response id the token was made for; LinkRefused when forged, foreign or expired."""
    payload = link_read("survey-response", token, max_age=verification_hours() * 3600, kind=dict)
    if not isinstance(payload.get("response"), int):
        raise LinkRefused("invalid")
    return payload["response"]
