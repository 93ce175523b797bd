#!/usr/bin/env python
"""Benchmark: the public idea list and an idea's page at 10 and at 2,000 ideas (one command:
`.venv/bin/python bench/ideas.py`).

Against a database of its own (dropped and made again each run): provisions Tétouan, gives it
a programme being co-created, then loads ideas in bulk (each with 3 confirmed supports, one
waiting, 2 published comments; a third answered, half of those retained as a commitment) and
requests `/ideas/` and one idea's page through the whole Django stack with the test client, as
an anonymous visitor with the page cache off (every request rendered): the median and 95th
percentile of 30 requests, and the queries of one. The query count must not move with the
volume (the list is paginated, counts are subqueries, the page prefetches).
"""

import os
import platform as stdlib_platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402
from kernel.actors import Actor  # noqa: E402

TETOUAN = "01.571.01.11"
DATABASE = "infitah_bench_ideas"
VOLUMES = (10, 2000)
REPEAT = 30


def load_ideas(programme, commitment, *, start: int, count: int) -> None:
    """`count` more published ideas with supports, comments and answers (bulk inserts)."""
    from django.utils import timezone

    from tenants.ideas.models import Event, Idea, IdeaComment, Support

    now = timezone.now()
    ideas = Idea.objects.bulk_create(
        [
            Idea(
                programme=programme,
                principle="transparency_integrity",
                title=f"فكرة رقم {n}",
                body="نقترح نشر الميزانية بصيغة مفتوحة مع ملخص مبسط للمواطنين. " * 4,
                author_name="مشارك",
                show_name=n % 2 == 0,
                email=f"p{n}@example.ma",
                status="published",
                verified_at=now,
                answer=("retained" if n % 6 == 0 else "under_study") if n % 3 == 0 else "",
                commitment=commitment if n % 6 == 0 else None,
                answered_at=now if n % 3 == 0 else None,
            )
            for n in range(start, start + count)
        ]
    )
    Support.objects.bulk_create(
        [
            Support(
                idea=idea, email=f"s{k}.{idea.pk}@example.ma", confirmed_at=None if k == 3 else now
            )
            for idea in ideas
            for k in range(4)
        ]
    )
    IdeaComment.objects.bulk_create(
        [
            IdeaComment(
                idea=idea,
                body="أساند هذه الفكرة.",
                author_name="قارئ",
                show_name=True,
                email=f"c{k}.{idea.pk}@example.ma",
                status="published",
                verified_at=now,
            )
            for idea in ideas
            for k in range(2)
        ]
    )
    Event.objects.bulk_create([Event(idea=idea, kind="published") for idea in ideas])


def measure(client, path: str) -> tuple[float, float, int]:
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - start)
    with connection.execute_wrapper(count):
        client.get(path)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], queries


def main() -> int:
    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["NOTIFICATIONS_DELIVERY"] = "inline"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load
    from tenants.programme.services import commitment_create, programme_create

    settings.PAGE_CACHE_SECONDS = 0  # every request rendered, as the first visitor's
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    member = member_provision(hcp_code=TETOUAN).member
    client = Client(HTTP_HOST=member.domains.get(is_primary=True).domain)
    with tenant_context(member):
        programme = programme_create(
            by=Actor(name="bench"),
            title_ar="برنامج الانفتاح",
            period_start=2026,
            period_end=2028,
            status="draft",
        )
        commitment = commitment_create(
            programme=programme,
            by=Actor(name="bench"),
            number=1,
            title_ar="نشر الميزانية",
            principles=["transparency_integrity"],
        )

    print(
        f"\nIdeas — {stdlib_platform.node()}, {os.cpu_count()} cores, "
        f"{date.today().isoformat()}; {REPEAT} requests a page, page cache off\n"
    )
    print("| ideas | `/ideas/`: median · p95 · queries | an idea's page: median · p95 · queries |")
    print("|---|---|---|")
    loaded = 0
    for volume in VOLUMES:
        with tenant_context(member):
            load_ideas(programme, commitment, start=loaded, count=volume - loaded)
            from tenants.ideas.models import Idea

            idea = Idea.objects.order_by("pk").first()
            with connection.cursor() as cursor:  # as autovacuum would, after a bulk load
                cursor.execute("ANALYZE")
        loaded = volume
        cells = [measure(client, "/ideas/"), measure(client, f"/ideas/{idea.pk}/")]
        print(
            f"| {volume:,} | "
            + " | ".join(f"{m * 1000:.1f} ms · {p * 1000:.1f} ms · {q}" for m, p, q in cells)
            + " |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
