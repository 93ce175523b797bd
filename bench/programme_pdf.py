#!/usr/bin/env python
"""Benchmark: the programme as a PDF (one command: `python bench/programme_pdf.py`).

In one run, against a database of its own:
  1. provisions Tétouan and gives it a programme of 30 commitments (4 milestones each, texts
     of a few sentences in Arabic and French), 6 co-creation steps and 5 workshops with their
     attendance;
  2. starts a real Celery worker (solo) on the `aggregation` queue, in a media folder of its own;
  3. asks for /programme/pdf/ as a visitor would: the first request answers "being prepared"
     (timed: the web's share), then polls until the file is there (time to the PDF, the
     worker's pick-up included), and times the render itself in this process too;
  4. times the cached path: the same request served from the member's storage, N times.
Figures go to stdout as a Markdown table; bench/RESULTS.md records them with machine and date.
"""

import argparse
import os
import platform as stdlib_platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402
from kernel.actors import Actor  # noqa: E402

TETOUAN = "01.571.01.11"
DATABASE = "infitah_bench_programme_pdf"
PARAGRAPH_AR = (
    "تعاني الجماعة من ضعف في نشر المعطيات المتعلقة بالميزانية وبرامج العمل، مما يحد من "
    "قدرة المواطنات والمواطنين على تتبع تدبير الشأن المحلي والمساهمة فيه. "
)
PARAGRAPH_FR = (
    "La commune publie peu de données sur son budget et ses programmes, ce qui limite "
    "la capacité des citoyennes et citoyens à suivre la gestion locale. "
)


def arrange(commitments: int) -> None:
    from django.utils import timezone

    from tenants.meetings.models import Attendance, Meeting
    from tenants.meetings.services import meeting_create
    from tenants.programme.models import ProgrammeStep, StepKind
    from tenants.programme.services import commitment_create, milestone_create, programme_create

    programme = programme_create(
        by=Actor(name="bench"),
        title_ar="برنامج عمل الجماعة المنفتحة 2024-2026",
        title_fr="Programme d'ouverture 2024-2026",
        period_start=2024,
        period_end=2026,
        status="adopted",
        adopted_on=date(2024, 2, 5),
        council_session="دورة فبراير 2024",
        decision_reference="12/2024",
        summary_ar=PARAGRAPH_AR * 3,
        summary_fr=PARAGRAPH_FR * 3,
    )
    for index in range(6):
        ProgrammeStep.objects.create(
            programme=programme,
            kind=StepKind.WORKSHOP,
            happened_on=date(2023, 9, 1) + timedelta(days=14 * index),
            title_ar=f"ورشة الإعداد المشترك رقم {index + 1}",
            title_fr=f"Atelier de co-construction n° {index + 1}",
            description_ar=PARAGRAPH_AR,
            description_fr=PARAGRAPH_FR,
        )
    for index in range(5):
        workshop = meeting_create(
            kind=Meeting.Kind.COCREATION_WORKSHOP,
            title_ar=f"ورشة مع جمعيات المجتمع المدني {index + 1}",
            title_fr=f"Atelier avec la société civile {index + 1}",
            place="قاعة الاجتماعات بمقر الجماعة",
            starts_at=timezone.now().replace(year=2023, month=10, day=2 + index),
        )
        Attendance.objects.create(meeting=workshop, category="civil_society", women=12, men=10)
    for number in range(1, commitments + 1):
        commitment = commitment_create(
            programme=programme,
            by=Actor(name="bench"),
            number=number,
            title_ar=f"تعزيز الشفافية في تدبير الميزانية رقم {number}",
            title_fr=f"Renforcer la transparence budgétaire n° {number}",
            problem_ar=PARAGRAPH_AR * 2,
            problem_fr=PARAGRAPH_FR * 2,
            action_ar=PARAGRAPH_AR * 2,
            action_fr=PARAGRAPH_FR * 2,
            solution_ar=PARAGRAPH_AR,
            solution_fr=PARAGRAPH_FR,
            principles=["transparency_integrity", "citizen_participation"],
            lead_department="مصلحة الشؤون المالية",
            partners="جمعيات المجتمع المدني",
            start_date=date(2024, 3, 1),
            end_date=date(2026, 12, 31),
        )
        for step in range(4):
            milestone_create(
                commitment=commitment,
                by=Actor(name="bench"),
                title_ar=f"المرحلة {step + 1}: نشر المعطيات",
                title_fr=f"Étape {step + 1} : publier les données",
                due_on=date(2024, 6, 30) + timedelta(days=120 * step),
            )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commitments", type=int, default=30)
    parser.add_argument("--cached-requests", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="infitah-bench-pdf-")
    os.environ["MEDIA_ROOT"] = media
    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load
    from tenants.programme import pdf
    from tenants.programme.selectors import programme_current
    from tests.worker_process import worker_start, worker_stop

    print(f"Benchmark: the PDF of a {args.commitments}-commitment programme", flush=True)
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    member = member_provision(hcp_code=TETOUAN).member
    host = member.domains.get(is_primary=True).domain
    with tenant_context(member):
        arrange(args.commitments)
        programme = programme_current()
        pdf.programme_pdf_render(programme=programme, language="ar")  # fonts, templates: warm
        started, cpu = time.perf_counter(), time.process_time()
        render_bytes = pdf.programme_pdf_render(programme=programme, language="ar")
        render_in_process = time.perf_counter() - started
        render_cpu = time.process_time() - cpu
        started = time.perf_counter()
        for _ in range(20):
            pdf.programme_pdf_fingerprint(programme=programme, language="ar")
        fingerprint_ms = (time.perf_counter() - started) / 20 * 1000
    connection.set_schema_to_public()

    import pypdfium2

    pages = len(pypdfium2.PdfDocument(render_bytes))
    worker = worker_start(queues="aggregation", MEDIA_ROOT=media)
    try:
        browser = Client(HTTP_HOST=host)
        started = time.perf_counter()
        first = browser.get("/programme/pdf/")
        first_request = time.perf_counter() - started
        assert first.status_code == 202, first.status_code
        while True:
            response = browser.get("/programme/pdf/")
            if response.status_code == 200:
                b"".join(response.streaming_content)
                break
            if time.perf_counter() - started > args.timeout:
                raise SystemExit("the PDF did not arrive")
            time.sleep(0.05)
        to_pdf = time.perf_counter() - started
        cached = []
        for _ in range(args.cached_requests):
            started = time.perf_counter()
            response = browser.get("/programme/pdf/")
            size = len(b"".join(response.streaming_content))
            cached.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    finally:
        worker_stop(worker)

    cached.sort()
    print(
        f"\n{stdlib_platform.node()}, {os.cpu_count()} cores, {date.today()}, load average "
        f"{os.getloadavg()[0]:.1f} (a shared machine inflates wall times, not CPU times)\n"
    )
    print("| measure | value |\n|---|---|")
    print(
        f"| commitments / pages / PDF size | {args.commitments} / {pages} / {size / 1024:.0f} KiB |"
    )
    print(
        f"| render in one process, warm (WeasyPrint): wall / CPU | {render_in_process:.2f} s / "
        f"{render_cpu:.2f} s |"
    )
    print(f"| first request (answers 'being prepared') | {first_request * 1000:.1f} ms |")
    print(f"| first request to PDF served, by a real worker (target < 5 s) | {to_pdf:.2f} s |")
    print(
        f"| cached request, median / p95 ({args.cached_requests}) | "
        f"{statistics.median(cached):.1f} ms / {cached[int(len(cached) * 0.95) - 1]:.1f} ms |"
    )
    print(f"| fingerprint alone (part of every request) | {fingerprint_ms:.1f} ms |")
    return 0 if to_pdf < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
