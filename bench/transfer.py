#!/usr/bin/env python
"""Benchmark: one member exported and imported (one command: `make bench-transfer`).

Against a database of its own (dropped and made again each run), with its files in a
temporary folder:
  1. provisions Tétouan and loads it with 10,000 rows (5,000 information requests, 4,800
     subscribers, 200 documents) and 200 files of 100 KB (one per document, 20 MB);
  2. times `member_export` to a .tar.gz (one REPEATABLE READ snapshot, COPY per table);
  3. times `member_import --replace` into the same deployment (a restore);
  4. times `member_import` into a second, fresh database (a move to another deployment: a
     separate process with its own DATABASE_URL and MEDIA_ROOT; its migrations and registry
     are loaded first and not counted).
Target: export plus import under 30 s. Figures go to stdout as a Markdown table;
bench/RESULTS.md and docs/operations.md record them with machine and date.
"""

import json
import os
import platform as stdlib_platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

TETOUAN = "01.571.01.11"
DATABASE, SECOND = "infitah_bench_transfer", "infitah_bench_transfer_copy"
LOAD = {"requests": 5000, "subscribers": 4800, "documents": 200, "file_kib": 100}
TARGET_SECONDS = 30

# The second deployment: migrated and given the registry (not timed), then the import (timed).
SECOND_DEPLOYMENT = r"""
import json, sys, time
import django
django.setup()
from io import StringIO
from django.core.management import call_command
from network.registry.services import registry_load
call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
registry_load()
started = time.perf_counter()
call_command("member_import", sys.argv[1], hcp_code=sys.argv[2], stdout=StringIO())
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def load_member() -> None:
    """The load, in the current member's schema (bulk inserts, files through the storage)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from tenants.documents.models import Document
    from tenants.information_requests.models import InformationRequest
    from tenants.notifications.models import Subscriber

    today = timezone.localdate()
    InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                reference=f"DI-{today.year}-{n:05d}",
                year=today.year,
                sequence=n,
                requester_name="مواطن",
                id_number="K123456",
                postal_address="تطوان",
                email=f"citizen{n}@example.ma",
                information_wanted="الميزانية",
                received_on=today - timedelta(days=30),
                initial_due_on=today,
                due_on=today,
            )
            for n in range(1, LOAD["requests"] + 1)
        ]
    )
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"follower{n}@example.ma", token=f"token-{n}")
            for n in range(LOAD["subscribers"])
        ]
    )
    names = []
    for n in range(LOAD["documents"]):
        body = b"%PDF-1.4\n%" + os.urandom(LOAD["file_kib"] * 1024)
        names.append(default_storage.save(f"documents/bench/doc-{n:03d}.pdf", ContentFile(body)))
    Document.objects.bulk_create(
        [
            Document(
                category="budget_accounts",
                title_ar=f"وثيقة {n}",
                file=name,
                created_by="bench",
                updated_by="bench",
            )
            for n, name in enumerate(names)
        ]
    )


def main() -> int:
    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)
    second_url = bench_database_url(SECOND)
    work = Path(tempfile.mkdtemp(prefix="bench-transfer-"))
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    # As in production: DEBUG off (no query log), with a key of this run's own.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SECRET_KEY"] = f"bench-transfer-{uuid.uuid4().hex}"
    import django

    django.setup()
    from django.core.management import call_command
    from django_tenants.utils import tenant_context

    from network.members.services import member_provision
    from network.registry.services import registry_load

    try:
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        registry_load()
        member = member_provision(hcp_code=TETOUAN).member
        with tenant_context(member):
            load_member()
        archive = work / "tetouan.tar.gz"

        started = time.perf_counter()
        output = StringIO()
        call_command("member_export", TETOUAN, str(archive), stdout=output)
        export_seconds = time.perf_counter() - started
        manifest_summary = output.getvalue().strip()

        started = time.perf_counter()
        call_command(
            "member_import", str(archive), hcp_code=TETOUAN, replace=True, stdout=StringIO()
        )
        restore_seconds = time.perf_counter() - started

        environment = {
            **os.environ,
            "DATABASE_URL": second_url,
            "MEDIA_ROOT": str(work / "second-media"),
            "CACHE_KEY_PREFIX": f"bench-transfer-{os.getpid()}",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
        }
        done = subprocess.run(
            [sys.executable, "-c", SECOND_DEPLOYMENT, str(archive), TETOUAN],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        move_seconds = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        size_mb = archive.stat().st_size / 2**20
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = [
        ("member_export (tar.gz)", export_seconds),
        ("member_import --replace, same deployment (restore)", restore_seconds),
        ("member_import into a fresh database (move)", move_seconds),
        ("export + restore", export_seconds + restore_seconds),
        ("export + move", export_seconds + move_seconds),
    ]
    print(
        f"\nMember export and import — {stdlib_platform.node()}, {os.cpu_count()} cores, "
        f"{date.today().isoformat()}; load: {LOAD}; archive {size_mb:.1f} MB\n"
        f"{manifest_summary}\n"
    )
    print("| step | time | target |")
    print("|---|---:|---|")
    for label, seconds in rows:
        target = (
            f"< {TARGET_SECONDS} s: {'met' if seconds < TARGET_SECONDS else 'MISSED'}"
            if label.startswith("export +")
            else ""
        )
        print(f"| {label} | {seconds:.2f} s | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
