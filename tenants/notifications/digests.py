"""Digests: the items a subscriber chose to get daily or weekly, grouped into one e-mail each;
and the purge of what the outbox no longer needs (member schema)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tenancy.addresses import current_member_site_url
from tenants.notifications.links import subscriber_links
from tenants.notifications.models import Delivery, Notification, Subscriber
from tenants.notifications.recording import notification_record
from tenants.site.selectors import site_profile_get


def notifications_digest_group(*, delivery: str) -> int:
    """Group every subscriber's waiting `delivery` ("daily" / "weekly") items into one e-mail
    each, in the subscriber's language; returns how many digests were recorded. Run again (a
    redelivered task), it finds the items already grouped and records nothing."""
    assert delivery in (Delivery.DAILY, Delivery.WEEKLY)
    profile = site_profile_get()
    site_url = current_member_site_url()
    recorded = 0
    with transaction.atomic():
        items = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(state=Notification.State.PENDING, digest=delivery)
            .order_by("recipient_email", "pk")
        )
        by_recipient: dict[str, list[Notification]] = {}
        for item in items:
            by_recipient.setdefault(item.recipient_email, []).append(item)
        subscribers = {
            subscriber.email: subscriber
            for subscriber in Subscriber.objects.filter(email__in=list(by_recipient))
        }
        for email, group in by_recipient.items():
            subscriber = subscribers.get(email)
            language = subscriber.language if subscriber else group[0].language
            links = subscriber_links(subscriber, site_url=site_url) if subscriber else {}
            digest = notification_record(
                key=f"digest:{delivery}:{email}:{group[0].pk}-{group[-1].pk}",
                recipient_email=email,
                language=language,
                template="notifications/email/digest",
                kind=f"digest.{delivery}",
                context={"items": group, "delivery": delivery, "count": len(group), **links},
                unsubscribe_url=links.get("unsubscribe_url", ""),
                profile=profile,
            )
            if digest is None:
                continue
            Notification.objects.filter(pk__in=[item.pk for item in group]).update(
                state=Notification.State.GROUPED, grouped_into_id=digest.pk, sent_at=timezone.now()
            )
            recorded += 1
    return recorded


def notifications_purge(*, days: int | None = None) -> int:
    """Delete what was settled (sent, grouped, failed) more than `days` ago (default
    NOTIFICATIONS_KEEP_DAYS, 180): the outbox keeps what the back office and idempotency need
    (every key that can still come again is younger), not every e-mail ever sent."""
    days = days if days is not None else settings.NOTIFICATIONS_KEEP_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    settled = (Notification.State.SENT, Notification.State.GROUPED, Notification.State.FAILED)
    deleted, _rows = Notification.objects.filter(state__in=settled, created_at__lt=cutoff).delete()
    return deleted
