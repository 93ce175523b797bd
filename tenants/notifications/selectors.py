"""Reads of the member's subscribers and outbox (member schema)."""

from django.db.models import Count, QuerySet

from tenants.notifications.models import Notification, Subscriber


def topic_followers(*, topic: str, object_id: int = 0) -> QuerySet[Subscriber]:
    """The verified subscribers who follow `topic` (and `object_id` for one request or
    petition), each once, oldest first."""
    return (
        Subscriber.objects.filter(
            verified_at__isnull=False,
            subscriptions__topic=topic,
            subscriptions__object_id=object_id,
        )
        .distinct()
        .order_by("pk")
    )


def outbox_by_state() -> dict[str, int]:
    """How many notifications in each state (back office, statistics)."""
    return dict(Notification.objects.values_list("state").annotate(n=Count("pk")))
