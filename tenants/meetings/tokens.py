"""Cancel links of registrations, signed for one member (kernel.signed_links).

Registration ids repeat across member schemas: a link made at Tétouan is worthless at Tanger,
even for a registration with the same id there.
"""

from kernel.signed_links import link_make, link_read

PURPOSE = "meeting-registration-cancel"


def cancel_token_make(registration) -> str:
    return link_make(PURPOSE, registration.pk)


def cancel_token_read(token: str) -> int:
    """The registration id a token names; LinkRefused when it was not signed here."""
    return link_read(PURPOSE, token, kind=int)
