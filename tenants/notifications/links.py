"""Links in e-mails (member schema): each subscriber's signed manage and one-click unsubscribe
links, on the member's own address (tenancy.addresses)."""

from django.urls import reverse

from tenancy.addresses import current_member_site_url
from tenants.notifications.models import Subscriber
from tenants.notifications.tokens import LinkRefused, subscriber_token_make, subscriber_token_read


def subscriber_links(subscriber: Subscriber, *, site_url: str | None = None) -> dict:
    """The signed manage and one-click unsubscribe links of a subscriber (this member only)."""
    base = (site_url or current_member_site_url()).rstrip("/")

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
        raise LinkRefused("invalid")
    return subscriber
