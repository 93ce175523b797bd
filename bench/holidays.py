#!/usr/bin/env python
"""Benchmark: a holiday decision recounted across 1,590 members by real workers (one command:
`python bench/holidays.py`; target under 60 s).

Against its own database (infitah_bench_holidays, built once and reused by later runs):
  1. every collectivity provisioned as a member (template replay, 2 processes, as
     bench/aggregation.py does), each with OPEN open information requests (an e-mail each)
     received on Monday 14 February 2028 and CLOSED answered ones: one seed member is filled
     through the ORM, its rows copied into every other member's schema with SQL;
  2. the directorate records Eid al-Fitr 2028 on Sunday 27 February, two days off, in place of
     the package's estimated Saturday 26 and Sunday 27: Monday 28 is now off, so every open
     request is due a working day later. Real Celery workers (prefork, 2 processes on this
     2-core machine, queue `reminders`) run one `due_dates_recount_batch` per batch of
     members, sent as the decision's fan-out sends them (with the days it changes); timed
     from the decision to the last batch done, with the count of due dates moved and of the
     e-mails recorded to tell requesters and staff;
  3. the decision withdrawn and the same recount again (every date moves back), timed.
Figures go to stdout as a Markdown table; bench/RESULTS.md records them with machine and date.
"""

import argparse
import os
import platform as stdlib_platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

# This file's name is the `holidays` package's: its folder must not hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

DATABASE = "infitah_bench_holidays"
OPEN, CLOSED = 3, 2
RECEIVED = date(2028, 2, 14)
EID = {
    "first_day": date(2028, 2, 27),
    "days": 2,
    "name_ar": "عيد الفطر",
    "name_fr": "Aïd al-Fitr",
    "replaces": [date(2028, 2, 26), date(2028, 2, 27)],
}
TABLE = "information_requests_informationrequest"
REFERRING = ("information_requests_complaint", "information_requests_requestevent")


def seed_requests() -> None:
    """The seed member's requests (current schema)."""
    from citizens.working_days import add_working_days
    from tenants.information_requests.models import InformationRequest, State

    due = add_working_days(RECEIVED, 20)
    InformationRequest.objects.all().delete()
    InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                reference=f"DI-2028-{n:04d}",
                year=2028,
                sequence=n,
                requester_name="مواطن",
                id_number="K123456",
                postal_address="العنوان",
                email=f"citizen{n}@example.ma",
                information_wanted="الميزانية",
                received_on=RECEIVED,
                initial_due_on=due,
                due_on=due,
                state=State.RECEIVED if n <= OPEN else State.ANSWERED,
                decided_on=None if n <= OPEN else date(2028, 2, 20),
                answer_text="" if n <= OPEN else "الجواب",
            )
            for n in range(1, OPEN + CLOSED + 1)
        ]
    )


def prepare(members: int) -> list[str]:
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.utils import tenant_context

    from network.members.bulk import members_provision_many
    from network.members.models import Member
    from network.members.schema_migrations import migrations_apply_to_members
    from network.registry.models import Collectivity
    from network.registry.services import registry_load

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    if not Collectivity.objects.exists():
        registry_load()
    codes = list(Collectivity.objects.order_by("code").values_list("code", flat=True))[:members]
    if Member.objects.ready().count() < len(codes):
        started = time.perf_counter()
        outcome = members_provision_many(codes=codes, processes=2)
        assert not outcome.failed, outcome.failed
        print(
            f"  provisioned {len(codes)} members in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    # Members provisioned by an earlier run: brought up to the code's migrations.
    report = migrations_apply_to_members()
    assert not report.failed, report.failed
    if report.migrated:
        print(f"  {len(report.migrated)} members migrated", flush=True)
    # The first `members` (a database provisioned for more serves a smaller run too).
    schemas = list(Member.objects.ready().order_by("pk").values_list("schema_name", flat=True))[
        :members
    ]
    started = time.perf_counter()
    with tenant_context(Member.objects.get(schema_name=schemas[0])):
        seed_requests()
    # DELETE, not TRUNCATE: a truncation makes new files and catalog rows (~0.3 s a member).
    with connection.cursor() as cursor:
        for start in range(1, len(schemas), 50):
            cursor.execute(
                "; ".join(
                    statement
                    for schema in schemas[start : start + 50]
                    for statement in (
                        *(f"DELETE FROM {schema}.{table}" for table in (*REFERRING, TABLE)),
                        f"INSERT INTO {schema}.{TABLE} SELECT * FROM {schemas[0]}.{TABLE}",
                    )
                )
            )
    print(
        f"  requests copied into {len(schemas)} members in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return schemas


def outboxes_empty(schemas: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for start in range(0, len(schemas), 200):
            cursor.execute(
                "; ".join(
                    f"DELETE FROM {s}.notifications_notification"
                    for s in schemas[start : start + 200]
                )
            )


def start_worker(concurrency: int) -> subprocess.Popen:
    from workers.app import app

    app.control.purge()
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workers.app",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "-Q",
            "reminders",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.inspect(timeout=1).ping():
            return process
        time.sleep(0.5)
    raise RuntimeError("the worker did not start")


def recount_everywhere(schemas: list[str], days: list[date]) -> tuple[float, int, int, int]:
    """The decision's fan-out, sent as `due_dates_recount_sweep` sends it (a task per batch
    of members, with the days whose status changed), and waited for: (seconds, members done,
    due dates moved, e-mails recorded)."""
    from workers.holidays import MEMBERS_PER_BATCH, due_dates_recount_batch

    started = time.perf_counter()
    results = [
        due_dates_recount_batch.apply_async(
            args=[schemas[i : i + MEMBERS_PER_BATCH], [day.isoformat() for day in days]]
        )
        for i in range(0, len(schemas), MEMBERS_PER_BATCH)
    ]
    outcomes = [result.get(timeout=600) for result in results]
    return (
        time.perf_counter() - started,
        sum(o["members"] for o in outcomes),
        sum(o["information_requests"] for o in outcomes),
        sum(o["told"] for o in outcomes),
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1590)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = bench_database_url(DATABASE, reuse=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.db import connection

    from citizens.models import HolidayDecision
    from citizens.services import holiday_decision_record
    from citizens.signals import holiday_calendar_changed
    from workers.app import app

    schemas = prepare(args.members)  # migrations first: the decisions' table included
    connection.set_schema_to_public()
    HolidayDecision.objects.filter(first_day=EID["first_day"]).delete()
    outboxes_empty(schemas)
    connection.close()

    worker = start_worker(args.concurrency)
    try:
        connection.set_schema_to_public()
        # Recorded as the console does, without its own fan-out (the receiver off): the bench
        # sends the same per-member tasks itself, to wait for their results.
        holiday_calendar_changed.disconnect(dispatch_uid="workers.holidays.due_dates_recount")
        decision = holiday_decision_record(**EID, by_name="bench")
        changed = sorted(set(decision.days_off) | set(decision.replaces))
        seconds, done, moved, told = recount_everywhere(schemas, changed)
        with connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT count(*) FROM {s}.notifications_notification" for s in schemas[:200]
                )
            )
            told_sample = sum(n for (n,) in cursor.fetchall())
        HolidayDecision.objects.filter(first_day=EID["first_day"]).delete()
        back_seconds, _, back, _ = recount_everywhere(schemas, changed)
    finally:
        app.control.purge()
        worker.terminate()
        worker.wait(timeout=60)
        connection.set_schema_to_public()
        HolidayDecision.objects.filter(first_day=EID["first_day"]).delete()

    print(
        f"\n## Holiday decision recount ({date.today()}, {stdlib_platform.node()}, "
        f"{os.cpu_count()} cores, {args.concurrency} worker processes)\n"
    )
    print("| what | members | due dates moved | seconds |")
    print("|---|---|---|---|")
    print(f"| Eid al-Fitr 2028 announced (Mon 28 Feb off) | {done} | {moved} | {seconds:.1f} |")
    print(f"| the decision withdrawn (dates back) | {done} | {back} | {back_seconds:.1f} |")
    print(
        f"\nE-mails recorded: {told} (expected {OPEN * done} to requesters, plus staff "
        f"notices); in the first 200 members' outboxes: {told_sample}."
    )
    ok = moved == back == OPEN * done and seconds < 60
    print("target (< 60 s, every open request moved): " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
