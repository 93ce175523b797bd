#!/usr/bin/env python
"""Benchmark: the network's aggregation at 1,590 members (one command: `make bench-aggregation`).

Against its own database (infitah_bench_agg, built once and reused by later runs):
  1. every collectivity provisioned as a member (template replay, 2 processes), each with
     synthetic content at a realistic volume: one seed member is filled through the ORM, then
     its rows are copied into every other member's schema with SQL (INSERT ... SELECT), a
     random share of the leaf rows left out so that members differ; then analysed, as
     autovacuum would have done;
  2. the full refresh by the fast path through real Celery workers (prefork, 2 processes on
     this 2-core machine): one task per chunk of members on a fresh connection, a statement
     per member sent 25 at a time; three sweeps, with the workers' peak RSS and the machine's
     busy CPU sampled during each;
  3. the same fast path from the operators' command (2 processes, no broker);
  4. the naive loop in the same run: `schema_context` per member running the ORM selectors;
  5. one member's refresh (median of a sample), and the fast path checked against the naive
     loop on every member (identical figures).
Figures go to stdout as a Markdown table; bench/RESULTS.md records them with machine and date.
"""

import argparse
import os
import platform as stdlib_platform
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url, process_memory_kib  # noqa: E402

DATABASE = "infitah_bench_agg"
# Rows per member (the seed), about what an active member holds after two years.
VOLUME = {
    "commitments": 12,
    "milestones_per_commitment": 3,
    "meetings": 16,
    "documents": 60,
    "consultations": 2,
    "comments_per_consultation": 25,
    "requests": 30,
    "petitions": 3,
    "signatures_per_petition": 60,
}
LEAF_SHARE = 0.8  # each leaf row (document, signature, attendance) kept with this probability


def seed_member_content(today: date) -> None:
    """Fill the current member's schema with a realistic volume of content (ORM, bulk)."""
    from django.utils import timezone

    from tenants.consultations.models import Comment, Consultation, Response
    from tenants.documents.models import Category, Document
    from tenants.information_requests.models import InformationRequest, State
    from tenants.meetings.models import Attendance, Meeting
    from tenants.petitions.models import Petition, Signature
    from tenants.programme.models import Commitment, Completion, Milestone, Principle, Programme

    rng = random.Random(1)
    now = timezone.now()
    programme = Programme.objects.create(
        title_ar="برنامج الانفتاح 2024-2027",
        period_start=2024,
        period_end=2027,
        status="implementation",
    )
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(
                programme=programme,
                number=n + 1,
                title_ar=f"التزام {n + 1}",
                principles=rng.sample(Principle.values, k=rng.randint(1, 2)),
                completion=rng.choice(Completion.values),
                start_date=date(2024, 1, 1),
                end_date=date(2027, 6, 30),
            )
            for n in range(VOLUME["commitments"])
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                commitment=c,
                title_ar="مرحلة",
                due_on=today + timedelta(days=rng.randint(-300, 300)),
                done_on=today - timedelta(days=rng.randint(1, 200)) if rng.random() < 0.5 else None,
            )
            for c in commitments
            for _ in range(VOLUME["milestones_per_commitment"])
        ]
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                kind=rng.choice(Meeting.Kind.values),
                title_ar="اجتماع",
                starts_at=now + timedelta(days=rng.randint(-700, 60)),
            )
            for _ in range(VOLUME["meetings"])
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=m, category=category, women=rng.randint(0, 20), men=rng.randint(0, 20)
            )
            for m in meetings
            for category in rng.sample(Attendance.Category.values, k=4)
        ]
    )
    Document.objects.bulk_create(
        [
            Document(
                category=rng.choice(Category.values),
                title_ar=f"وثيقة {n}",
                link="https://example.ma/d.pdf",
                published_on=today - timedelta(days=rng.randint(0, 900)),
            )
            for n in range(VOLUME["documents"])
        ]
    )
    for c in range(VOLUME["consultations"]):
        consultation = Consultation.objects.create(
            title_ar="استشارة",
            opens_at=now - timedelta(days=200 * (c + 1)),
            closes_at=now - timedelta(days=200 * c - 30),
        )
        comments = Comment.objects.bulk_create(
            [
                Comment(
                    consultation=consultation,
                    body="تعليق",
                    author_name="مواطن",
                    email=f"c{n}@example.ma",
                    status=rng.choice(["published"] * 4 + ["pending"]),
                )
                for n in range(VOLUME["comments_per_consultation"])
            ]
        )
        Response.objects.bulk_create(
            [
                Response(comment=comment, kind="accepted", reasoning_ar="معلل", by="focal")
                for comment in comments
                if rng.random() < 0.7
            ]
        )
    requests = []
    for n in range(VOLUME["requests"]):
        received = today - timedelta(days=rng.randint(0, 500))
        due = received + timedelta(days=28)
        state = rng.choice(
            [State.ANSWERED] * 5 + [State.REFUSED, State.RECEIVED, State.IN_PROGRESS]
        )
        decided = (
            received + timedelta(days=rng.randint(2, 45))
            if state in (State.ANSWERED, State.REFUSED)
            else None
        )
        requests.append(
            InformationRequest(
                reference=f"2026-{n + 1:05d}",
                year=2026,
                sequence=n + 1,
                requester_name="طالب",
                id_number="K123456",
                postal_address="تطوان",
                information_wanted="معلومة",
                received_on=received,
                initial_due_on=due,
                due_on=due,
                state=state,
                decided_on=decided,
                answer_text="الجواب" if decided else "",
                refusal_ground="private_life" if state == State.REFUSED else "",
            )
        )
    InformationRequest.objects.bulk_create(requests)
    for p in range(VOLUME["petitions"]):
        petition = Petition.objects.create(
            subject="عريضة",
            text="نص",
            agent_name="وكيل",
            agent_cin="L987654",
            signatures_required=100,
            published_at=now if p else None,
        )
        Signature.objects.bulk_create(
            [
                Signature(
                    petition=petition,
                    full_name="موقع",
                    cin=f"AB{100000 + n}",
                    cin_normalized=f"AB{100000 + n}",
                    link="resident",
                )
                for n in range(VOLUME["signatures_per_petition"])
            ]
        )


def content_tables() -> list[tuple[str, bool]]:
    """The member apps' tables, parents before children, each with whether it is a leaf that
    no other content table refers to (those are thinned per member)."""
    from django.apps import apps
    from django.conf import settings

    models = [
        m for label in settings.MEMBER_CONTENT_APPS for m in apps.get_app_config(label).get_models()
    ]
    ordered, seen = [], set()

    def visit(model):
        if model in seen:
            return
        seen.add(model)
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in models:
                visit(field.related_model)
        ordered.append(model)

    for model in models:
        visit(model)
    referenced = {
        f.related_model
        for m in models
        for f in m._meta.concrete_fields
        if f.is_relation and f.related_model is not m
    }
    return [(m._meta.db_table, m not in referenced) for m in ordered]


def copy_content(seed: str, schemas: list[str], tables: list[tuple[str, bool]]) -> None:
    from django.db import connection

    for index, schema in enumerate(schemas):
        statements = [f"TRUNCATE {', '.join(f'{schema}.{t}' for t, _ in tables)} CASCADE"]
        for table, leaf in tables:
            where = f" WHERE random() < {LEAF_SHARE}" if leaf else ""
            statements.append(f"INSERT INTO {schema}.{table} SELECT * FROM {seed}.{table}{where}")
        with connection.cursor() as cursor:
            cursor.execute(";\n".join(statements))
        if index % 200 == 199:
            connection.close()


def analyze_content(schemas: list[str], tables: list[tuple[str, bool]]) -> None:
    """Statistics on every member's content tables, as autovacuum leaves a live database (it
    would otherwise be analysing them, two processes busy, all through the measurements)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")  # one WAL flush a batch, not a table
        for start in range(0, len(schemas), 50):
            cursor.execute(
                "ANALYZE "
                + ", ".join(
                    f"{schema}.{table}"
                    for schema in schemas[start : start + 50]
                    for table, _ in tables
                )
            )


def prepare(members: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.utils import tenant_context

    from network.members.bulk import members_provision_many
    from network.members.models import Member
    from network.registry.models import Collectivity
    from network.registry.services import registry_load

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    codes = list(Collectivity.objects.order_by("code").values_list("code", flat=True))[:members]
    if not codes:
        registry_load()
        codes = list(Collectivity.objects.order_by("code").values_list("code", flat=True))[:members]
    ready = Member.objects.ready().count()
    seeded = ready and _has_content(Member.objects.ready().order_by("-pk").first().schema_name)
    if ready >= len(codes) and seeded:
        print(f"Reusing {ready} members with content in {DATABASE}", flush=True)
        return
    started = time.perf_counter()
    outcome = members_provision_many(codes=codes, processes=2)
    assert not outcome.failed, outcome.failed
    print(
        f"  provisioned {len(codes)} members in {time.perf_counter() - started:.0f} s", flush=True
    )
    started = time.perf_counter()
    schemas = list(Member.objects.ready().order_by("pk").values_list("schema_name", flat=True))
    seed_member = Member.objects.get(schema_name=schemas[0])
    with tenant_context(seed_member):
        tables = content_tables()
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(t for t, _ in tables)} CASCADE")
        seed_member_content(date.today())
    copy_content(schemas[0], schemas[1:], tables)
    analyze_content(schemas, tables)
    connection.close()
    print(
        f"  content copied into {len(schemas)} members in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def wait_for_autovacuum(limit: float = 600) -> float:
    """Wait until no autovacuum worker has run for 3 s (after a build it vacuums the catalog
    for minutes, on the same 2 cores as the measurements); returns the seconds waited."""
    from django.db import connection

    started = quiet_since = time.monotonic()
    while time.monotonic() - started < limit:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
            )
            if cursor.fetchone()[0]:
                quiet_since = time.monotonic()
        if time.monotonic() - quiet_since >= 3:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def _has_content(schema: str) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {schema}.documents_document)")
        return cursor.fetchone()[0]


class RssSampler:
    """Peak resident memory of a process tree (the worker and its children), sampled."""

    def __init__(self, pid: int, every: float = 0.05):
        import psutil

        self.root, self.every = psutil.Process(pid), every
        self.peak_child, self.peak_total, self._stop = 0, 0, threading.Event()

    def _sample(self):
        import psutil

        while not self._stop.is_set():
            try:
                children = self.root.children(recursive=True)
                rss = [c.memory_info().rss for c in children]
                self.peak_child = max([self.peak_child, *rss])
                self.peak_total = max(self.peak_total, self.root.memory_info().rss + sum(rss))
            except psutil.Error:
                pass
            time.sleep(self.every)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process on this machine (a PostgreSQL backend)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_cpu_seconds() -> float:
    """CPU time every process of the machine has used so far (user + system, all cores)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system = (int(v) for v in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def sweep_cpu(chunk_size: int) -> tuple[float, float, float, float]:
    """One full refresh by the fast path in this process, chunk after chunk: its wall time, the
    CPU time of the database backends and of this process. Their sum over the machine's cores
    is what the sweep costs on an idle machine, whatever else runs on it now."""
    from django.db import connection

    from network.aggregation.selectors import member_id_chunks
    from network.aggregation.services import snapshots_refresh_for_members

    backend, started_cpu, started = 0.0, time.process_time(), time.perf_counter()
    backend_memory = 0.0
    for chunk in member_id_chunks(chunk_size=chunk_size):
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        snapshots_refresh_for_members(member_ids=chunk)
        backend += _process_cpu_seconds(pid)
        backend_memory = max(backend_memory, process_memory_kib(pid, "RssAnon") / 1024)
        connection.close()
    return (
        time.perf_counter() - started,
        backend,
        time.process_time() - started_cpu,
        backend_memory,
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
            "aggregation",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.inspect(timeout=1).ping()
        if replies:
            return process
        time.sleep(0.5)
    raise RuntimeError("the worker did not start")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1590)
    parser.add_argument("--chunk-size", type=int, help="members per task (default: CHUNK_SIZE)")
    parser.add_argument("--sweeps", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = bench_database_url(DATABASE, reuse=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    # As in production: without DEBUG, Django neither keeps nor renders every statement's SQL
    # (the workers inherit this environment).
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from celery import group
    from django.db import connection

    from network.aggregation.models import MemberSnapshot
    from network.aggregation.selectors import CHUNK_SIZE, member_id_chunks
    from network.aggregation.services import snapshot_refresh_for_member
    from network.members.models import Member
    from workers.aggregation import snapshots_refresh_chunk

    args.chunk_size = args.chunk_size or CHUNK_SIZE

    prepare(args.members)
    print(f"  waited {wait_for_autovacuum():.0f} s for autovacuum to finish", flush=True)
    members = list(Member.objects.ready().select_related("collectivity").order_by("pk"))
    print(f"Benchmark at {len(members)} members", flush=True)
    results: dict[str, str] = {"members": str(len(members))}

    # 2. The fast path through real workers (the production path), three sweeps.
    MemberSnapshot.objects.all().delete()
    worker = start_worker(concurrency=args.concurrency)
    try:
        chunks = member_id_chunks(chunk_size=args.chunk_size)
        sweeps = []
        for sweep in range(args.sweeps):
            with RssSampler(worker.pid) as rss:
                busy_before = _machine_cpu_seconds()
                started = time.perf_counter()
                written = sum(
                    group(snapshots_refresh_chunk.s(chunk) for chunk in chunks)
                    .apply_async()
                    .get(timeout=600)
                )
                elapsed = time.perf_counter() - started
                busy = _machine_cpu_seconds() - busy_before
            assert written == len(members), (written, len(members))
            sweeps.append((elapsed, rss.peak_child, rss.peak_total))
            print(
                f"  sweep {sweep + 1} via workers: {elapsed:.2f} s, the machine's CPU busy "
                f"{busy:.2f} s, peak RSS of a worker process {rss.peak_child / 2**20:.0f} MB "
                f"(all {rss.peak_total / 2**20:.0f} MB)",
                flush=True,
            )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    fast_figures = dict(MemberSnapshot.objects.values_list("member_id", "figures"))
    results[
        f"full refresh, fast path via {args.concurrency} worker processes "
        f"({len(chunks)} chunks of {args.chunk_size}), per sweep"
    ] = ", ".join(f"{s[0]:.2f} s" for s in sweeps)
    results["workers' peak RSS per process, per sweep"] = ", ".join(
        f"{s[1] / 2**20:.0f} MB" for s in sweeps
    )

    # 3. The same from the operators' command (2 processes, no broker), as operators run it.
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "aggregate_network",
            "--processes",
            "2",
            "--chunk-size",
            str(args.chunk_size),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    results["full refresh, fast path, manage.py aggregate_network (2 processes)"] = (
        f"{time.perf_counter() - started:.2f} s (process start included)"
    )
    print(f"  aggregate_network: {results[list(results)[-1]]}", flush=True)
    connection.close()

    # The CPU a sweep costs (database backends + Python), measured in one process.
    wall, backend, python, backend_memory = sweep_cpu(args.chunk_size)
    results["largest private memory of a database backend, fast path (connection per chunk)"] = (
        f"{backend_memory:.0f} MB"
    )
    results["CPU of one full refresh, fast path (database backends + Python)"] = (
        f"{backend:.2f} s + {python:.2f} s = {backend + python:.2f} s "
        f"({(backend + python) / len(members) * 1000:.1f} ms a member; "
        f"{(backend + python) / 2:.2f} s over 2 idle cores; wall in 1 process {wall:.2f} s)"
    )
    print(f"  sweep CPU: {results[list(results)[-1]]}", flush=True)

    # 5. One member's refresh (per-member path, the one a change triggers).
    sample = random.Random(2).sample(members, min(args.sample, len(members)))
    timings = []
    for member in sample:
        connection.close()  # as a worker's task would: a connection that visited no schema yet
        started = time.perf_counter()
        snapshot_refresh_for_member(member=member)
        timings.append(time.perf_counter() - started)
    results[f"one member's refresh (median of {len(sample)}, fresh connection)"] = (
        f"{statistics.median(timings) * 1000:.0f} ms (max {max(timings) * 1000:.0f} ms)"
    )
    print(f"  one member: {results[list(results)[-1]]}", flush=True)

    # 4. The naive loop: schema_context per member, the ORM selectors, one connection.
    if not args.skip_naive:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        started, started_cpu = time.perf_counter(), time.process_time()
        for member in members:
            snapshot_refresh_for_member(member=member)
        elapsed = time.perf_counter() - started
        naive_cpu = _process_cpu_seconds(pid) + time.process_time() - started_cpu
        results["CPU of the naive loop (database backend + Python)"] = f"{naive_cpu:.1f} s"
        results["private memory of the naive loop's database backend (one connection)"] = (
            f"{process_memory_kib(pid, 'RssAnon') / 1024:.0f} MB"
        )
        results["full refresh, naive loop (schema_context + ORM selectors, 1 process)"] = (
            f"{elapsed:.1f} s"
        )
        print(f"  naive loop: {elapsed:.1f} s", flush=True)
        connection.set_schema_to_public()
        naive_figures = dict(MemberSnapshot.objects.values_list("member_id", "figures"))
        differing = [pk for pk in naive_figures if naive_figures[pk] != fast_figures.get(pk)]
        results["members whose figures differ between the fast path and the naive loop"] = str(
            len(differing)
        )
        fast_best = min(s[0] for s in sweeps)
        results["speed-up of the fast path over the naive loop"] = f"{elapsed / fast_best:.0f}x"

    print("\n| measure | figure |\n|---|---|")
    for label, value in results.items():
        print(f"| {label} | {value} |")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers')"
        )
        version, shared_buffers = cursor.fetchone()
    print(
        f"\n{date.today()} · {stdlib_platform.node()} · {os.cpu_count()} cores · "
        f"PostgreSQL {version}, shared_buffers {shared_buffers}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
