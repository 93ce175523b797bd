"""How long sending a newsletter takes to record, and its reach to read, as subscribers grow.

    .venv/bin/python bench/newsletter.py

Its own database (infitah_bench_newsletter, provisioned with Tétouan on the first run). Each
size: N verified subscribers (a tenth on a daily digest, a quarter in French), a newsletter in
Arabic only, then are timed: the editor's request (`newsletter_send`: it only confirms, the
audience counted), the worker's task (`newsletter_record`: N outbox rows in batches of
BATCH_SIZE, each row with its own signed links) and `newsletter_reach` (one query); everything
is rolled back after (so the batches' own commits are savepoints here, and nothing is handed
to a worker).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

os.environ["DATABASE_URL"] = bench_database_url("infitah_bench_newsletter")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["LOG_LEVEL"] = "WARNING"
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import tenant_context  # noqa: E402

from network.members.models import Member  # noqa: E402
from network.members.services import member_provision  # noqa: E402
from network.registry.services import registry_load  # noqa: E402
from tenants.notifications.models import Subscriber, Subscription  # noqa: E402
from tenants.notifications.newsletter_selectors import newsletter_reach  # noqa: E402
from tenants.notifications.newsletter_services import (  # noqa: E402
    BATCH_SIZE,
    newsletter_create,
    newsletter_record,
    newsletter_send,
)
from kernel.actors import Actor  # noqa: E402


class Rollback(Exception):
    pass


def run(member, count: int) -> None:
    try:
        with tenant_context(member), transaction.atomic():
            now = timezone.now()
            subscribers = Subscriber.objects.bulk_create(
                [
                    Subscriber(
                        email=f"bench{n}@example.ma",
                        verified_at=now,
                        language="fr" if n % 4 == 0 else "ar",
                        delivery="daily" if n % 10 == 0 else "immediate",
                    )
                    for n in range(count)
                ]
            )
            Subscription.objects.bulk_create(
                [Subscription(subscriber=s, topic="documents") for s in subscribers]
            )
            newsletter = newsletter_create(
                by=Actor(name="bench"), subject_ar="نشرة", body_ar="نص " * 200
            )
            started = time.perf_counter()
            outcome = newsletter_send(
                newsletter=newsletter, by=Actor(name="bench"), site_url="https://bench.example.ma"
            )
            request = time.perf_counter() - started
            started = time.perf_counter()
            report = newsletter_record(
                newsletter_id=newsletter.pk, site_url="https://bench.example.ma"
            )
            task = time.perf_counter() - started
            started = time.perf_counter()
            reach = newsletter_reach(newsletter=newsletter)
            read = time.perf_counter() - started
            assert outcome.audience == report.recorded == count == reach.count("total", "all")
            print(
                f"{count:>6} subscribers: request {request * 1000:6.0f} ms, "
                f"task {task * 1000:8.0f} ms ({task / count * 1e6:5.0f} µs each, "
                f"batches of {BATCH_SIZE}), reach {read * 1000:6.1f} ms"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    call_command("migrate_schemas", "--shared", verbosity=0)
    if not Member.objects.exists():
        registry_load()
        member_provision(hcp_code="01.571.01.11")
    member = Member.objects.ready().first()
    for count in (100, 1_000, 10_000):
        run(member, count)
