"""The requester's own link to their request (`/information-requests/<pk>/mine/<token>/`):
where they follow it and, once the law allows, complain to the head of the body.

It is given once, to the requester only: in the receipt e-mail and on the receipt page of the
browser that filed the request. Request ids repeat across member schemas, so the signature is
salted with the schema: a link made at Tétouan is worthless at Tanger.
"""

from django.core import signing
from django.db import connection
from django.urls import reverse


def _salt() -> str:
    return f"infitah.information-request-requester.{connection.schema_name}"


def requester_token_make(information_request) -> str:
    return signing.dumps(information_request.pk, salt=_salt())


def requester_token_read(token: str) -> int | None:
    """The request id a token names, or None when it was not signed here."""
    try:
        pk = signing.loads(token, salt=_salt())
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None


def requester_path(information_request) -> str:
    return reverse(
        "information_requests:mine",
        args=[information_request.pk, requester_token_make(information_request)],
    )


def requester_link(information_request, *, site_url: str) -> str:
    return site_url.rstrip("/") + requester_path(information_request) if site_url else ""
