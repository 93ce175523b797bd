"""The requester's own link to their request (`/information-requests/<pk>/mine/<token>/`):
where they follow it and, once the law allows, complain to the head of the body.

It is given once, to the requester only: in the receipt e-mail and on the receipt page of the
browser that filed the request. Signed for this member (kernel.signed_links), as request ids
repeat across member schemas: a link made at Tétouan is worthless at Tanger.
"""

from django.urls import reverse

from kernel.signed_links import link_make, link_read

PURPOSE = "information-request-requester"


def requester_token_make(information_request) -> str:
    return link_make(PURPOSE, information_request.pk)


def requester_token_read(token: str) -> int:
    """The request id a token names; LinkRefused when it was not signed here."""
    return link_read(PURPOSE, token, kind=int)


def requester_path(information_request) -> str:
    return reverse(
        "information_requests:mine",
        args=[information_request.pk, requester_token_make(information_request)],
    )


def requester_link(information_request, *, site_url: str) -> str:
    return site_url.rstrip("/") + requester_path(information_request) if site_url else ""
