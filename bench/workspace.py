#!/usr/bin/env python
"""Benchmark: the staff workspace's pages on a heavily loaded member (one command:
`make bench-workspace`).

Against a database of its own (dropped and made again each run):
  1. provisions two members: one empty, one loaded as the issue asks — 2,000 open
     information requests (due dates spread over 80 days around today, a quarter overdue),
     5,000 consultation comments (published, a tenth reported, a third answered), 500
     milestones (half overdue), 200 past meetings (half without minutes), 7 document shelves;
  2. signs a focal point in on each and requests each workspace page through the whole
     Django stack (middleware, routing, session, templates) with the test client, as the
     server would: the median and 95th percentile of 30 requests, and the queries of one.
The empty and loaded members are measured side by side in one run, so the ratio holds on any
machine. Figures go to stdout as a Markdown table; bench/RESULTS.md records them.
"""

import os
import platform as stdlib_platform
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

TETOUAN, TANGER = "01.571.01.11", "01.511.01.0"
DATABASE = "infitah_bench_workspace"
LOAD = {"requests": 2000, "comments": 5000, "milestones": 500, "meetings": 200}
REPEAT = 30
# The workspace's pages with their list of items; `{request}` etc. are filled with the pk of
# a loaded object. A page not built (404) is reported as such, not timed.
PAGES = [
    "/staff/",
    "/staff/requests/",
    "/staff/requests/{request}/",
    "/staff/comments/",
    "/staff/comments/{comment}/",
    "/staff/petitions/",
    "/staff/programme/",
    "/staff/programme/commitments/{commitment}/",
    "/staff/meetings/",
    "/staff/meetings/{meeting}/",
    "/staff/documents/",
    "/staff/site/branding/",
    "/staff/site/team/",
]


def load_member(today: date) -> dict:
    """The heavy load, in the current member's schema (bulk inserts); returns sample pks."""
    from django.utils import timezone

    from tenants.consultations.models import Comment, Consultation
    from tenants.documents.models import Category, Document
    from tenants.information_requests.models import InformationRequest
    from tenants.meetings.models import Meeting
    from tenants.programme.models import Commitment, Milestone, Programme

    now = timezone.now()
    requests = InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                reference=f"DI-{today.year}-{n:05d}",
                year=today.year,
                sequence=n,
                requester_name="مواطن",
                id_number="K123456",
                postal_address="تطوان",
                email=f"citizen{n}@example.ma",
                information_wanted="نسخة من الميزانية ومحضر الدورة " * 5,
                state=("received", "in_progress", "extended")[n % 3],
                received_on=today - timedelta(days=30),
                initial_due_on=today + timedelta(days=n % 80 - 20),
                due_on=today + timedelta(days=n % 80 - 20),
            )
            for n in range(1, LOAD["requests"] + 1)
        ]
    )
    consultation = Consultation.objects.create(
        title_ar="مشروع برنامج الانفتاح",
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=3),
    )
    comments = Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                body=f"تعليق رقم {n} على مشروع البرنامج " * 4,
                author_name="مشارك",
                email=f"person{n}@example.ma",
                status="published",
                verified_at=now,
                report_count=1 if n % 10 == 0 else 0,
            )
            for n in range(LOAD["comments"])
        ]
    )
    from tenants.consultations.models import Response

    Response.objects.bulk_create(
        [
            Response(comment=comment, kind="accepted", reasoning_ar="نعم", by="أمينة")
            for comment in comments[::3]
        ]
    )
    programme = Programme.objects.create(
        title_ar="تطوان جماعة منفتحة",
        period_start=2023,
        period_end=2026,
        status="implementation",
        council_session="دورة أكتوبر",
        decision_reference="14",
    )
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(
                programme=programme,
                number=n + 1,
                title_ar=f"الالتزام {n + 1}",
                principles=["transparency"],
            )
            for n in range(25)
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                commitment=commitments[n % 25],
                title_ar=f"مرحلة {n}",
                due_on=today + timedelta(days=n % 100 - 50),
            )
            for n in range(LOAD["milestones"])
        ]
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                kind="cocreation_workshop",
                title_ar=f"ورشة {n}",
                starts_at=now - timedelta(days=n + 1),
                minutes="" if n % 2 else f"meetings/minutes/{n}.pdf",
            )
            for n in range(LOAD["meetings"])
        ]
    )
    Document.objects.bulk_create(
        [
            Document(
                category=category,
                title_ar=f"وثيقة {category}",
                link="https://example.ma/",
                published_on=today - timedelta(days=400 if n % 2 else 30),
            )
            for n, category in enumerate(Category.values)
        ]
    )
    return {
        "request": requests[0].pk,
        "comment": comments[10].pk,
        "commitment": commitments[0].pk,
        "meeting": meetings[1].pk,
    }


def signed_in_client(member):
    from django.contrib.auth.models import User
    from django.test import Client
    from django_tenants.utils import tenant_context

    from tenants.site.models import StaffMembership

    with tenant_context(member):
        user = User.objects.create_user(
            "focal@commune.ma", email="focal@commune.ma", first_name="أمينة", is_staff=True
        )
        StaffMembership.objects.create(user=user, role="focal_point")
        client = Client(HTTP_HOST=member.domains.get(is_primary=True).domain)
        client.force_login(user)
    return client


def measure(client, path: str) -> tuple[str, float, float, int]:
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    first = client.get(path)
    if first.status_code != 200:
        return str(first.status_code), 0.0, 0.0, 0
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - start)
    with connection.execute_wrapper(count):
        client.get(path)
    samples.sort()
    return "200", statistics.median(samples), samples[int(len(samples) * 0.95) - 1], queries


def main() -> int:
    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["NOTIFICATIONS_DELIVERY"] = "inline"
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    loaded = member_provision(hcp_code=TETOUAN).member
    empty = member_provision(hcp_code=TANGER).member
    with tenant_context(loaded):
        pks = load_member(timezone.localdate())
    with tenant_context(empty):
        empty_pks = {key: 0 for key in pks}
    clients = {"empty": signed_in_client(empty), "loaded": signed_in_client(loaded)}

    print(
        f"\nStaff workspace — {stdlib_platform.node()}, {os.cpu_count()} cores, "
        f"{date.today().isoformat()}; loaded member: {LOAD}; {REPEAT} requests a page\n"
    )
    print("| page | empty member: median · p95 · queries | loaded member: median · p95 · queries |")
    print("|---|---|---|")
    for page in PAGES:
        cells = []
        for name, client in clients.items():
            path = page.format(**(pks if name == "loaded" else empty_pks))
            if name == "empty" and "{" in page:
                cells.append("—")
                continue
            status, median, p95, queries = measure(client, path)
            cells.append(
                f"{median * 1000:.1f} ms · {p95 * 1000:.1f} ms · {queries}"
                if status == "200"
                else f"HTTP {status}"
            )
        print(f"| `{page}` | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
