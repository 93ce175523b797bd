"""Links in e-mails (member schema): the member's own address, and each subscriber's signed
manage and one-click unsubscribe links."""

import time

from django.conf import settings
from django.db import connection
from django.urls import reverse

from tenants.notifications.models import Subscriber
from tenants.notifications.tokens import LinkRefused, subscriber_token_make, subscriber_token_read


def member_site_url() -> str:
    """The current member's own address (no trailing slash), for links in e-mails written
    outside a request (by a receiver or a worker)."""
    schema, now = connection.schema_name, time.monotonic()
    cached = _site_urls.get(schema)
    if cached is None or cached[1] < now:  # a minute: a new primary domain shows soon
        domain = connection.tenant.get_primary_domain() if hasattr(connection, "tenant") else None
        scheme = "http" if settings.DEBUG else "https"
        url = f"{scheme}://{domain.domain}{settings.SITE_PORT_HINT}" if domain else ""
        cached = _site_urls[schema] = (url, now + 60)
    return cached[0]


_site_urls: dict[str, tuple[str, float]] = {}


def subscriber_links(subscriber: Subscriber, *, site_url: str | None = None) -> dict:
    """The signed manage and one-click unsubscribe links of a subscriber (this member only)."""
    base = (site_url or member_site_url()).rstrip("/")

    def link(purpose: str, name: str) -> str:
        signed = subscriber_token_make(
            subscriber_pk=subscriber.pk, token=subscriber.token, purpose=purpose
        )
        return base + reverse(name, kwargs={"token": signed})

    return {
        "manage_url": link("manage", "notifications-manage"),
        "unsubscribe_url": link("unsubscribe", "notifications-unsubscribe"),
    }


def subscriber_from_link(signed: str, *, purpose: str) -> Subscriber:
    """The subscriber a signed link was made for; LinkRefused for a forged link, a link of
    another member, a link made before the subscriber's token was renewed, or one expired."""
    pk, token = subscriber_token_read(signed, purpose=purpose)
    subscriber = Subscriber.objects.filter(pk=pk, token=token).first()
    if subscriber is None:
        raise LinkRefused(purpose)
    return subscriber
