#!/usr/bin/env python
"""Benchmark: provisioning and migrating members at network scale (one command: `make bench`).

In one run, against one database holding N members (1,590 = every collectivity):
  1. onboarding all N members with our path (template replay, 2 processes);
  2. with all N present, re-provisioning a sample of members by our two paths (a spare schema
     built ahead and renamed; the template replayed on the spot) and by the two stock
     django-tenants paths (migrations; clone_schema NODATA), interleaved;
  3. migrating all members with nothing to apply: `migrate_members` vs stock `migrate_schemas`;
  4. one new AddField migration applied to all members: ours vs stock.
Figures go to stdout as a Markdown table; bench/RESULTS.md records them with machine and date.
"""

import argparse
import os
import platform as stdlib_platform
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

BENCH_MIGRATION = ROOT / "tenants" / "site" / "migrations" / "0002_bench_addfield.py"
BENCH_MIGRATION_TEXT = '''from django.db import migrations, models


class Migration(migrations.Migration):
    """Written and removed by bench/provisioning.py; never committed."""
    dependencies = [("site", "0001_initial")]
    operations = [migrations.AddField("siteprofile", "bench_note",
                                      models.CharField(max_length=50, default="", blank=True))]
'''


@contextmanager
def timed(label: str, results: dict):
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started
    print(f"  {label}: {results[label]:.2f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1590)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument(
        "--processes",
        type=int,
        default=4,
        help="Processes onboarding all members (the replay waits on fsync "
        "more than on CPU, so more than the 2 cores pays).",
    )
    parser.add_argument(
        "--skip-stock-migrate",
        action="store_true",
        help="Skip the slow stock migrate_schemas runs.",
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = bench_database_url("infitah_bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from network.members.bulk import members_provision_many
    from network.members.models import Domain, Member
    from network.members.schema_migrations import migrations_apply_to_members
    from network.members.schema_template import quote_ident, schema_template_current
    from network.members.services import member_default_domain, member_provision
    from network.members.spares import spare_schemas_refill
    from network.registry.models import Collectivity
    from network.registry.services import registry_load

    results: dict[str, float] = {}
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    registry_load()
    schema_template_current()
    codes = list(Collectivity.objects.order_by("code").values_list("code", flat=True))
    codes = codes[: args.members]
    print(f"Benchmark at {len(codes)} members", flush=True)

    onboard_label = f"onboard all members (ours, {args.processes} processes)"
    with timed(onboard_label, results):
        outcome = members_provision_many(codes=codes, processes=args.processes)
    assert not outcome.failed, outcome.failed

    def remove(code: str) -> None:
        member = Member.objects.get(collectivity_id=code)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {quote_ident(member.schema_name)} CASCADE")
        Domain.objects.filter(tenant=member).delete()
        Member.objects.filter(pk=member.pk).delete()

    def stock(code: str, *, clone: bool) -> None:
        collectivity = Collectivity.objects.get(code=code)
        settings.TENANT_CREATION_FAKES_MIGRATIONS = clone
        settings.TENANT_BASE_SCHEMA = settings.MEMBER_TEMPLATE_SCHEMA if clone else None
        Member.auto_create_schema, Member.clone_mode = True, "NODATA"
        try:
            member = Member(
                schema_name=Member.schema_name_for(code), collectivity=collectivity, is_ready=True
            )
            member.save(verbosity=0)
            Domain.objects.create(domain=member_default_domain(collectivity), tenant=member)
        finally:
            Member.auto_create_schema = False

    sample = codes[len(codes) // 2 : len(codes) // 2 + args.sample]
    timings: dict[str, list[float]] = {
        "ours: spare schema": [],
        "ours: replay": [],
        "stock: migrations": [],
        "stock: clone_schema": [],
    }
    for code in sample:
        spare_schemas_refill(target=1)  # built ahead, as the workers do (not timed)
        for label, run in (
            ("ours: spare schema", lambda: member_provision(hcp_code=code)),
            ("ours: replay", lambda: member_provision(hcp_code=code, builder="replay")),
            ("stock: migrations", lambda: stock(code, clone=False)),
            ("stock: clone_schema", lambda: stock(code, clone=True)),
        ):
            remove(code)
            started = time.perf_counter()
            run()
            timings[label].append(time.perf_counter() - started)
        connection.close()
    remove(sample[0])
    member_provision(hcp_code=sample[0])
    medians = {label: statistics.median(values) for label, values in timings.items()}
    for label, value in medians.items():
        print(f"  provision one member, {label}: median {value * 1000:.0f} ms", flush=True)

    with timed("migrate, nothing to apply (ours)", results):
        report = migrations_apply_to_members()
    assert report.nothing_to_apply
    if not args.skip_stock_migrate:
        with timed("migrate, nothing to apply (stock migrate_schemas)", results):
            call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)

    BENCH_MIGRATION.write_text(BENCH_MIGRATION_TEXT)
    try:
        from network.members.schema_template import migration_nodes

        migration_nodes.cache_clear()
        with timed("migrate, one AddField (ours)", results):
            report = migrations_apply_to_members()
        assert len(report.migrated) == len(codes) and not report.failed, report.failed
        if not args.skip_stock_migrate:
            # Undo it everywhere (not timed), then let the stock command apply it.
            for schema in Member.objects.values_list("schema_name", flat=True):
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"ALTER TABLE {quote_ident(schema)}.site_siteprofile "
                        f"DROP COLUMN bench_note; DELETE FROM {quote_ident(schema)}"
                        ".django_migrations WHERE name = '0002_bench_addfield'"
                    )
            connection.close()
            with timed("migrate, one AddField (stock migrate_schemas)", results):
                call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
    finally:
        BENCH_MIGRATION.unlink()

    print("\n| measure | figure |\n|---|---|")
    print(f"| members | {len(codes)} |")
    total = results[onboard_label]
    print(
        f"| onboard all members, ours, {args.processes} processes | {total:.1f} s "
        f"({total / len(codes) * 1000:.0f} ms a member, wall) |"
    )
    for label, value in medians.items():
        print(
            f"| provision one member with all present, {label} (median of {len(sample)}) "
            f"| {value * 1000:.0f} ms |"
        )
    for ours in ("ours: spare schema", "ours: replay"):
        for stock_label in ("stock: migrations", "stock: clone_schema"):
            print(
                f"| {ours}, speed-up vs {stock_label} | "
                f"{medians[stock_label] / medians[ours]:.1f}x |"
            )
    for label, value in results.items():
        if label.startswith("migrate"):
            print(f"| {label} | {value:.1f} s |")
    print(
        f"\n{date.today()} · {stdlib_platform.node()} · {os.cpu_count()} cores · "
        f"PostgreSQL {connection.cursor().connection.info.server_version}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
