#!/usr/bin/env python
"""Benchmark: the directorate console's registry search and its pages (one command:
`make bench-console`).

In a database of its own (infitah_bench_console: the public schema migrated, the registry of
1,590 collectivities loaded, a directorate account): the search index built cold, then each query of a
mix in Arabic (with and without diacritics and hamza), French (with and without accents) and
HCP codes, warm (median and p95 over repeats); then the console's search page and a members
page through Django's test client (time and number of queries). Figures go to stdout as
Markdown; bench/RESULTS.md records them with machine and date.
"""

import os
import platform as stdlib_platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from support import bench_database_url  # noqa: E402

os.environ["DATABASE_URL"] = bench_database_url("infitah_bench_console", reuse=True)
os.environ["LOG_LEVEL"] = "WARNING"
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from network.accounts.services import network_account_create  # noqa: E402
from network.registry.services import registry_load  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from network.accounts.models import NetworkRole  # noqa: E402
from network.console import search  # noqa: E402
from network.registry.models import Collectivity  # noqa: E402
from twofactor.testing import two_factor_signed_in  # noqa: E402

QUERIES = [
    "تطوان",
    "تِطْوان",
    "انجره",
    "الدار البيضاء",
    "سيدي",
    "tetouan",
    "Tétouan",
    "fes",
    "Sidi",
    "ain",
    "01.571.01.11",
    "06.",
    "a",
]
REPEATS = 200


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def main() -> None:
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    if not NetworkRole.objects.filter(role="directorate").exists():
        network_account_create(email="bench@dgct.gov.ma", role="directorate")
    rows = Collectivity.objects.count()
    search.registry_search_forget()
    started = time.perf_counter()
    search._entries()
    cold_ms = (time.perf_counter() - started) * 1000

    print(
        f"Machine: {stdlib_platform.machine()}, {os.cpu_count()} cores, "
        f"Python {stdlib_platform.python_version()}; registry: {rows} rows\n"
    )
    print(f"Index build (cold, one query + normalization): {cold_ms:.1f} ms\n")
    print("| query | results | median ms | p95 ms |\n|---|---|---|---|")
    for query in QUERIES:
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            results = search.registry_search(query)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"| {query} | {len(results)} | {statistics.median(times):.2f} | "
            f"{percentile(times, 0.95):.2f} |"
        )

    role = NetworkRole.objects.filter(role="directorate").select_related("user").first()
    if role is None:
        print("\n(no directorate account: pages not measured)")
        return
    client = Client(HTTP_HOST="localhost")
    two_factor_signed_in(client, role.user)  # network pages need the code given too
    print("\n| page | median ms | queries |\n|---|---|---|")
    for path in (
        "/console/?q=%D8%AA%D8%B7%D9%88%D8%A7%D9%86",
        "/console/?q=sidi",
        "/console/members/",
        "/api/registry/?q=tetouan",
    ):
        times = []
        for _ in range(30):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(f"| {path} | {statistics.median(times):.1f} | {len(queries)} |")


if __name__ == "__main__":
    main()
