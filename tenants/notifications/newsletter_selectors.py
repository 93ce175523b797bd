"""Reads of the member's newsletters: who they go to and how far they got (member schema).

Counts only: the addresses stay in the focal point's back office."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from tenants.notifications.models import (
    GENERAL_TOPICS,
    Delivery,
    Newsletter,
    Notification,
    Subscriber,
)


def newsletter_key_prefix(newsletter_id: int) -> str:
    """The start of the outbox keys of a newsletter's e-mails (`<prefix>:s<subscriber id>`)."""
    return f"newsletter:{newsletter_id}"


def newsletter_list() -> QuerySet[Newsletter]:
    return Newsletter.objects.order_by("-created_at", "-pk")


def newsletter_get(*, pk: int) -> Newsletter | None:
    return Newsletter.objects.filter(pk=pk).first()


def newsletter_audience(*, topics: list[str]) -> QuerySet[Subscriber]:
    """The verified subscribers who follow one of `topics`, or, with none, one of the general
    topics: a person who follows only one information request or petition asked for news of
    that, not for the member's newsletters. Each once, oldest first."""
    wanted = [topic for topic in topics if topic in GENERAL_TOPICS] or list(GENERAL_TOPICS)
    followers = Subscriber.objects.filter(
        verified_at__isnull=False, subscriptions__topic__in=wanted
    ).values("pk")
    return Subscriber.objects.filter(pk__in=followers).order_by("pk")


@dataclass
class Audience:
    total: int = 0
    # By the language of the version each will read (their own, or the fallback).
    by_version: dict = field(default_factory=dict)
    in_digest: int = 0


def newsletter_audience_count(*, newsletter: Newsletter) -> Audience:
    """How many subscribers a draft would reach now, by the version they would read, and how
    many of them would get it in their digest (one query)."""
    rows = (
        newsletter_audience(topics=newsletter.topics)
        .values("language")
        .annotate(n=Count("pk"), digest=Count("pk", filter=~Q(delivery=Delivery.IMMEDIATE)))
    )
    audience = Audience()
    for row in rows:
        version = newsletter.version(row["language"]) if newsletter.languages else row["language"]
        audience.by_version[version] = audience.by_version.get(version, 0) + row["n"]
        audience.total += row["n"]
        audience.in_digest += row["digest"]
    return audience


# How far an e-mail got, from its outbox row and, for a digest item, its digest's row.
QUEUED, IN_DIGEST, SENT, FAILED = "queued", "waiting_digest", "sent", "failed"
BUCKETS = (QUEUED, IN_DIGEST, SENT, FAILED)


def _bucket(state: str, digest: str, digest_state: str | None) -> str:
    if state == Notification.State.GROUPED:
        state = digest_state or Notification.State.PENDING
    elif state == Notification.State.PENDING and digest:
        return IN_DIGEST
    if state == Notification.State.SENT:
        return SENT
    if state == Notification.State.FAILED:
        return FAILED
    return QUEUED


@dataclass
class Reach:
    # language -> bucket -> count; "total" holds the sums
    rows: dict = field(default_factory=dict)

    def count(self, language: str, bucket: str) -> int:
        return self.rows.get(language, {}).get(bucket, 0)

    @property
    def total(self) -> dict:
        return self.rows.get("total", {})


def newsletter_reach(*, newsletter: Newsletter) -> Reach:
    """Queued, waiting for a digest, sent, failed, by the language of the e-mail (one query
    over the newsletter's rows of the outbox)."""
    rows = (
        Notification.objects.filter(
            kind="newsletter", key__startswith=newsletter_key_prefix(newsletter.pk) + ":s"
        )
        .values("language", "state", "digest", "grouped_into__state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reach = Reach(rows={"ar": {}, "fr": {}, "total": {}})
    for row in rows:
        bucket = _bucket(row["state"], row["digest"], row["grouped_into__state"])
        for key in (row["language"], "total"):
            counts = reach.rows.setdefault(key, {})
            counts[bucket] = counts.get(bucket, 0) + row["n"]
            counts["all"] = counts.get("all", 0) + row["n"]
    return reach
