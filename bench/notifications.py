#!/usr/bin/env python
"""Benchmark: notifications delivered by the workers (one command: `make bench-notifications`).

In one run, against a database of its own:
  1. provisions a few members and gives each its followers of the documents;
  2. publishes one document in each member: the event records one notification per follower
     in the member's outbox (timed apart: that is the web request's work);
  3. starts real Celery workers (prefork, one process a core) on the notifications queue and
     hands each member's outbox to them, as the after-commit hand-over does;
  4. counts what a local SMTP server (aiosmtpd, in this process) received: the wall time until
     the last message, duplicates and losses (by Message-ID and recipient), the SMTP
     connections used, the workers' peak memory (RSS of the main process and its children).
Figures go to stdout as a Markdown table; bench/RESULTS.md records them with machine and date.
"""

import argparse
import os
import platform as stdlib_platform
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url, process_memory_kib  # noqa: E402
from kernel.actors import Actor  # noqa: E402

# Tétouan, Tanger, Timezgana, Chefchaouen; more members are taken from the registry.
CODES = ("01.571.01.11", "01.511.01.0", "03.531.03.23", "01.151.01.01")
DATABASE = "infitah_bench_notifications"


class MemorySampler(threading.Thread):
    """Peak RSS of a worker (the sum over its processes at each sample, and the largest)."""

    def __init__(self, process):
        super().__init__(daemon=True)
        self.process, self.peak_total, self.peak_single = process, 0, 0
        self.stopping = threading.Event()

    def run(self) -> None:
        from tests.worker_process import worker_children

        while not self.stopping.is_set():
            sizes = [
                process_memory_kib(pid)
                for pid in [self.process.pid, *worker_children(self.process)]
            ]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max(self.peak_single, *sizes)
            time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=4)
    parser.add_argument(
        "--concurrency",
        type=int,
        default=os.cpu_count() or 2,
        help="worker processes (default: one a core)",
    )
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    per_member = args.notifications // args.members
    total = per_member * args.members

    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load
    from tenants.documents.services import document_create
    from tenants.notifications.models import Notification, Subscriber, Subscription, Topic
    from tenants.notifications.signals import outbox_ready
    from tests.smtp_sink import SmtpSink
    from tests.worker_process import worker_start
    from workers.notifications import _deliver_after_commit, notifications_deliver_for_member

    print(
        f"Benchmark: {total:,} notifications over {args.members} members, "
        f"{args.concurrency} worker processes",
        flush=True,
    )
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    from network.registry.models import Collectivity

    codes = list(CODES) + [
        code
        for code in Collectivity.objects.order_by("code").values_list("code", flat=True)
        if code not in CODES
    ]
    members = [member_provision(hcp_code=code).member for code in codes[: args.members]]

    # Followers, then one published document per member: the outbox fills, nothing is handed
    # over yet (the receiver that enqueues delivery is held back while recording).
    outbox_ready.disconnect(dispatch_uid="workers.notifications.outbox_ready")
    started = time.perf_counter()
    for index, member in enumerate(members):
        with tenant_context(member):
            subscribers = Subscriber.objects.bulk_create(
                Subscriber(
                    email=f"s{number}.m{index}@bench.example",
                    language="fr" if number % 2 else "ar",
                    verified_at=timezone.now(),
                )
                for number in range(per_member)
            )
            Subscription.objects.bulk_create(
                Subscription(subscriber=subscriber, topic=Topic.DOCUMENTS)
                for subscriber in subscribers
            )
    followers_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for member in members:
        with tenant_context(member):
            document_create(
                by=Actor(name="bench"),
                category="budget_accounts",
                title_ar="الميزانية 2026",
                title_fr="Budget 2026",
                link="https://example.ma/budget.pdf",
            )
    record_seconds = time.perf_counter() - started
    outbox_ready.connect(_deliver_after_commit, dispatch_uid="workers.notifications.outbox_ready")
    recorded = 0
    for member in members:
        with tenant_context(member):
            recorded += Notification.objects.count()
    assert recorded == total, (recorded, total)
    print(
        f"  recorded {recorded:,} notifications in {record_seconds:.1f} s "
        f"(followers created in {followers_seconds:.1f} s)",
        flush=True,
    )
    connection.close()

    with SmtpSink(keep_bodies=False) as sink:
        worker = worker_start(
            queues="notifications",
            pool="prefork",
            concurrency=args.concurrency,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sink.port),
            CELERY_TASK_TENANT_CACHE_SECONDS="30",
        )  # as in production
        try:
            sampler = MemorySampler(worker)
            sampler.start()
            started = time.perf_counter()
            for member in members:  # what each member's after-commit hand-over sends
                notifications_deliver_for_member.apply_async_for_member(member)
            deadline = time.monotonic() + args.timeout
            while len(sink.handler.messages) < total and time.monotonic() < deadline:
                time.sleep(0.02)
            wall = time.perf_counter() - started
            time.sleep(3)  # anything arriving now would be a duplicate
            sampler.stopping.set()
            sampler.join()
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        messages = sink.messages
        counts = sink.handler.counts()
        sessions = sink.handler.sessions

    expected = {
        f"s{number}.m{index}@bench.example"
        for index in range(len(members))
        for number in range(per_member)
    }
    received = [recipient for message in messages for recipient in message.recipients]
    duplicates = len(messages) - len(counts)
    lost = len(expected - set(received))
    not_sent = 0
    for member in members:
        with tenant_context(member):
            not_sent += Notification.objects.exclude(state="sent").count()
    rows = [
        ("notifications delivered", f"{len(messages):,} / {total:,}"),
        ("wall time, hand-over to last message at the sink", f"{wall:.2f} s"),
        ("throughput", f"{len(messages) / wall:,.0f} e-mails/s"),
        ("duplicates at the sink (by Message-ID)", str(duplicates)),
        ("lost (recipients never reached)", str(lost)),
        ("rows not marked sent", str(not_sent)),
        ("SMTP connections used", str(sessions)),
        (
            f"workers' peak RSS (main + {args.concurrency} children, summed)",
            f"{sampler.peak_total / 1024:.0f} MiB",
        ),
        ("largest single worker process", f"{sampler.peak_single / 1024:.0f} MiB"),
        ("recording the notifications (receivers, not timed above)", f"{record_seconds:.1f} s"),
    ]
    print(
        f"\n{date.today().isoformat()} · {stdlib_platform.machine()} · {os.cpu_count()} cores · "
        f"Python {stdlib_platform.python_version()}\n"
    )
    print("| measure | value |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")
    ok = len(messages) == total and duplicates == 0 and lost == 0 and not_sent == 0
    print("\nOK" if ok and wall < 30 else "\nTARGET MISSED (< 30 s, 0 duplicates, 0 lost)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
