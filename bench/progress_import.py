#!/usr/bin/env python
"""Benchmark: 1,000 milestones updated from a spreadsheet (one command:
`python bench/progress_import.py`).

In one run, against a database of its own:
  1. provisions Tétouan and gives it a programme of 100 commitments with 10 milestones each;
  2. exports the milestones as CSV (as the staff would download them) and fills in every line:
     a done date, an evidence link, and a new completion level with its note for each
     commitment;
  3. times, in this process, the reading and the preview (targets: < 5 s) and the save through
     the programme's services (target: < 10 s), with their query counts;
  4. times the same through the workspace's pages (a signed-in editor): the upload that
     previews, the preview page, and the confirmation.
Figures go to stdout as a Markdown table; bench/RESULTS.md records them with machine and date.
"""

import argparse
import csv
import io
import os
import platform as stdlib_platform
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402
from kernel.actors import Actor  # noqa: E402

TETOUAN = "01.571.01.11"
DATABASE = "infitah_bench_progress_import"
PREVIEW_TARGET, SAVE_TARGET = 5.0, 10.0


def arrange(commitments: int, per_commitment: int) -> None:
    """The programme, in bulk (its creation is not what is measured)."""
    from tenants.programme.models import Commitment, Milestone, Programme

    programme = Programme.objects.create(
        title_ar="برنامج الانفتاح 2024-2026",
        period_start=2024,
        period_end=2026,
        status="implementation",
    )
    rows = Commitment.objects.bulk_create(
        [
            Commitment(
                programme=programme,
                number=number,
                title_ar=f"التزام رقم {number}",
                principles=["transparency_integrity"],
                start_date=date(2024, 1, 1),
                end_date=date(2026, 12, 31),
            )
            for number in range(1, commitments + 1)
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                commitment=commitment,
                title_ar=f"المرحلة {step} من الالتزام {commitment.number}",
                start_on=date(2024, 1, 1),
                due_on=date(2024, 3, 1) + timedelta(days=30 * step),
            )
            for commitment in rows
            for step in range(per_commitment)
        ]
    )


def filled_in(data: bytes) -> bytes:
    """Every line done two days ago with its link; every commitment at "substantial"."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    done = (date.today() - timedelta(days=2)).strftime("%d/%m/%Y")
    for row in rows[1:]:
        row[6], row[7] = done, "جوهري"
        row[8] = f"https://tetouan.ma/evidence/{row[0]}"
        row[10] = "نُشرت المعطيات على الموقع."
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def timed(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        elapsed = time.perf_counter() - started
    timed.cpu = time.process_time() - cpu  # this process's share: the rest is waiting (SQL)
    return result, elapsed, len(queries.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commitments", type=int, default=100)
    parser.add_argument("--milestones-per-commitment", type=int, default=10)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import translation
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load
    from tenants.programme.models import Milestone, ProgressUpdate
    from tenants.programme.progress_import import (
        milestones_csv,
        progress_import_apply,
        progress_preview,
        sheet_read,
    )
    from tenants.programme.selectors import programme_current
    from tenants.site.models import StaffMembership

    lines = args.commitments * args.milestones_per_commitment
    print(f"Benchmark: {lines} milestones updated from a spreadsheet", flush=True)
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    member = member_provision(hcp_code=TETOUAN).member
    host = member.domains.get(is_primary=True).domain
    figures = {}
    with tenant_context(member), translation.override("ar"):
        arrange(args.commitments, args.milestones_per_commitment)
        programme = programme_current()
        data, figures["export"], figures["export_q"] = timed(
            lambda: milestones_csv(programme=programme)
        )
        upload = filled_in(data)
        rows, figures["read"], _ = timed(lambda: sheet_read(data=upload))
        preview, figures["preview"], figures["preview_q"] = timed(
            lambda: progress_preview(programme=programme, rows=rows)
        )
        figures["preview_cpu"] = timed.cpu
        assert not preview.errors and len(preview.milestones) == lines, preview.errors[:3]
        # Saved, then rolled back: the pages below save the same file for real.
        with transaction.atomic():
            result, figures["save"], figures["save_q"] = timed(
                lambda: progress_import_apply(
                    programme=programme, preview=preview, by=Actor(name="bench")
                )
            )
            assert result.milestones == lines
            figures["save_cpu"] = timed.cpu
            transaction.set_rollback(True)
        user = User.objects.create_user("editor@bench.ma", email="editor@bench.ma", is_staff=True)
        StaffMembership.objects.create(user=user, role="editor")
    connection.set_schema_to_public()

    editor = Client(HTTP_HOST=host)
    with tenant_context(member):
        editor.force_login(user)
    connection.set_schema_to_public()
    started = time.perf_counter()
    response = editor.post(
        "/staff/programme/progress-import/",
        {"file": SimpleUploadedFile("milestones.csv", upload, "text/csv")},
    )
    figures["page_upload"] = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    preview_url = response["Location"]
    started = time.perf_counter()
    assert editor.get(preview_url).status_code == 200
    figures["page_preview"] = time.perf_counter() - started
    started = time.perf_counter()
    assert editor.post(preview_url).status_code == 302
    figures["page_save"] = time.perf_counter() - started
    with tenant_context(member):
        assert Milestone.objects.filter(done_on__isnull=False).count() == lines
        history = ProgressUpdate.objects.count()

    print(
        f"\n{stdlib_platform.node()}, {os.cpu_count()} cores, {date.today()}, load average "
        f"{os.getloadavg()[0]:.1f} (a shared machine inflates wall times)\n"
    )
    print("| measure | value |\n|---|---|")
    print(
        f"| lines / commitments / history rows written | {lines} / {args.commitments} / {history} |"
    )
    print(f"| export as CSV | {figures['export']:.2f} s, {figures['export_q']} queries |")
    print(f"| reading the CSV | {figures['read'] * 1000:.0f} ms |")
    print(
        f"| preview (target < {PREVIEW_TARGET:.0f} s) | {figures['preview']:.2f} s, "
        f"{figures['preview_q']} queries (CPU {figures['preview_cpu']:.2f} s) |"
    )
    print(
        f"| save through the services (target < {SAVE_TARGET:.0f} s) | "
        f"{figures['save']:.2f} s, {figures['save_q']} queries "
        f"(CPU {figures['save_cpu']:.2f} s) |"
    )
    print(f"| page: upload + preview (redirect) | {figures['page_upload']:.2f} s |")
    print(f"| page: the preview shown | {figures['page_preview']:.2f} s |")
    print(f"| page: confirmation (save) | {figures['page_save']:.2f} s |")
    within = figures["preview"] < PREVIEW_TARGET and figures["save"] < SAVE_TARGET
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
