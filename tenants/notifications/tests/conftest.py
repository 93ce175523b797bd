"""Fixtures of the notifications tests (the two members come from the repository's conftest.py)."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from tenants.notifications.models import Delivery, Subscriber, Subscription


@pytest.fixture
def in_tetouan(tetouan, in_member):
    with in_member(tetouan):
        yield tetouan


@pytest.fixture(autouse=True)
def fresh_rate_limits(network, in_member):
    for member in network.values():
        with in_member(member):
            cache.delete_pattern("ratelimit:*")
    yield


def follower(
    email: str,
    *topics: str,
    language: str = "ar",
    delivery: str = Delivery.IMMEDIATE,
    object_id: int = 0,
) -> Subscriber:
    """A verified subscriber of the current member following `topics`."""
    subscriber = Subscriber.objects.create(
        email=email, language=language, delivery=delivery, verified_at=timezone.now()
    )
    for topic in topics:
        Subscription.objects.create(subscriber=subscriber, topic=topic, object_id=object_id)
    return subscriber
