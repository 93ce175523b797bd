#!/usr/bin/env python
"""Benchmark: one member's reminders sweep (one command: `make bench-reminders`).

Against a database of its own (dropped and made again each run):
  1. provisions two members; one stays empty (the common case: a sweep that finds nothing),
     the other gets a heavy load: 1,000 open information requests with due dates spread over
     80 days around today, 10 staff, 300 milestones, a meeting tomorrow with 300 registrants
     and a consultation closing in two days with 5,000 verified followers (ar/fr);
  2. times the empty member's sweep (median of 50, and its queries): multiplied by 1,590 and
     divided by the worker processes, it is what the fan-out costs the network three times a
     day;
  3. times the loaded member's first sweep (everything due is rendered and recorded in the
     outbox) and second sweep (nothing new: one query a thousand keys finds them recorded),
     with their queries and the reminders recorded.
Delivery is not timed here (bench/notifications.py measures it): the loaded member's
sweeps run in one transaction rolled back at the end. Figures go to stdout as a
Markdown table; bench/RESULTS.md records them with machine and date.
"""

import os
import platform as stdlib_platform
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

TETOUAN, TANGER = "01.571.01.11", "01.511.01.0"
DATABASE = "infitah_bench_reminders"
LOAD = {"requests": 1000, "staff": 10, "milestones": 300, "registrants": 300, "followers": 5000}


def load_member(today: date) -> None:
    """The heavy load, in the current member's schema (bulk inserts)."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from tenants.consultations.models import Consultation
    from tenants.information_requests.models import InformationRequest
    from tenants.meetings.models import Meeting, Registration
    from tenants.notifications.models import Subscriber, Subscription, Topic
    from tenants.programme.models import Commitment, Milestone, Programme
    from tenants.site.models import StaffMembership

    for number in range(LOAD["staff"]):
        user = User.objects.create_user(f"staff{number}", email=f"staff{number}@commune.ma")
        StaffMembership.objects.create(user=user, role="focal_point" if number < 2 else "editor")
    InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                reference=f"DI-{today.year}-{n:04d}",
                year=today.year,
                sequence=n,
                requester_name="مواطن",
                id_number="K123456",
                postal_address="تطوان",
                email=f"citizen{n}@example.ma",
                information_wanted="الميزانية",
                received_on=today - timedelta(days=30),
                initial_due_on=today + timedelta(days=n % 80 - 40),
                due_on=today + timedelta(days=n % 80 - 40),
            )
            for n in range(1, LOAD["requests"] + 1)
        ]
    )
    programme = Programme.objects.create(
        title_ar="برنامج الانفتاح",
        period_start=today.year,
        period_end=today.year + 3,
        status="implementation",
    )
    commitment = Commitment.objects.create(programme=programme, number=1, title_ar="التزام")
    Milestone.objects.bulk_create(
        [
            Milestone(
                commitment=commitment,
                title_ar=f"مرحلة {n}",
                due_on=today + timedelta(days=n % 60 - 30),
            )
            for n in range(LOAD["milestones"])
        ]
    )
    now = timezone.now()
    meeting = Meeting.objects.create(
        kind="information", title_ar="لقاء تواصلي", starts_at=now + timedelta(days=1, hours=2)
    )
    Registration.objects.bulk_create(
        [
            Registration(
                meeting=meeting,
                name=f"مشارك {n}",
                email=f"person{n}@example.ma",
                category="civil_society",
                language="fr" if n % 3 == 0 else "ar",
            )
            for n in range(LOAD["registrants"])
        ]
    )
    Registration.objects.update(registered_at=now - timedelta(days=5))
    Consultation.objects.create(
        title_ar="مشروع البرنامج",
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=2),
    )
    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"follower{n}@example.ma",
                language="fr" if n % 2 else "ar",
                verified_at=now,
                token=f"token-{n}",
            )
            for n in range(LOAD["followers"])
        ]
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=subscriber, topic=Topic.CONSULTATIONS)
            for subscriber in subscribers
        ]
    )


def timed_sweep(now: datetime) -> tuple[float, int, dict]:
    from django.db import connection

    from tenants.reminders.services import reminders_send

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        recorded = reminders_send(now=now, site_url="https://tetouan.infitah.ma")
        elapsed = time.perf_counter() - start
    return elapsed, queries, recorded


def main() -> int:
    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    loaded = member_provision(hcp_code=TETOUAN).member
    empty = member_provision(hcp_code=TANGER).member
    now = timezone.now()
    rows = []
    with tenant_context(empty):
        samples = [timed_sweep(now) for _ in range(50)]
        median = statistics.median(sample[0] for sample in samples)
        rows.append(
            ("empty member, one sweep (median of 50)", f"{median * 1000:.1f} ms", samples[-1][1], 0)
        )
        rows.append(
            (
                "…× 1,590 members / 2 worker processes (estimate)",
                f"{median * 1590 / 2:.1f} s",
                "",
                "",
            )
        )
    # Recording only: one outer transaction rolled back at the end, so that nothing is handed
    # to the workers for delivery (that is bench/notifications.py's part).
    with tenant_context(loaded), transaction.atomic():
        load_member(timezone.localdate(now))
        for label in ("loaded member, first sweep", "loaded member, second sweep"):
            elapsed, queries, recorded = timed_sweep(now)
            total = sum(count for kind, count in recorded.items() if kind.startswith("reminder."))
            rows.append((label, f"{elapsed:.2f} s", queries, total))
        transaction.set_rollback(True)

    print(
        f"\nReminders sweep — {stdlib_platform.node()}, {os.cpu_count()} cores, "
        f"{date.today().isoformat()}; load per member: {LOAD}\n"
    )
    print("| case | time | queries | reminders recorded |")
    print("|---|---|---|---|")
    for label, elapsed, queries, recorded in rows:
        print(f"| {label} | {elapsed} | {queries} | {recorded} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
