from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from network.members.management.reporting import report_outcome
from network.members.schema_migrations import migrations_apply_to_members


class Command(BaseCommand):
    help = (
        "Deploy-time migrations: the public schema, then every ready member, "
        "one transaction per member."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members-only", action="store_true", help="Skip the public schema.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report what is pending; exit 1 when something is.",
        )

    def handle(self, *args, members_only=False, check=False, **options):
        verbosity = options["verbosity"]
        if not members_only and not check:
            call_command(
                "migrate_schemas", shared=True, interactive=False, verbosity=max(verbosity - 1, 0)
            )
        with tqdm(unit="member", disable=None, desc="members") as bar:
            report = migrations_apply_to_members(dry_run=check, progress=bar.update)
        if report.nothing_to_apply:
            self.stdout.write(f"{report.members} members: nothing to apply.")
            return
        if check:
            for schema, pending in list(report.pending_by_member.items())[:20]:
                self.stdout.write(f"  {schema}: " + ", ".join(f"{a}.{n}" for a, n in pending))
            raise CommandError(f"{len(report.pending_by_member)} members have pending migrations.")
        report_outcome(
            self,
            summary=f"{len(report.migrated)} of {report.members} members "
            f"migrated, {len(report.failed)} failed.",
            failures=report.failed,
            failure_message="Some members could not be migrated (left as they were).",
        )
