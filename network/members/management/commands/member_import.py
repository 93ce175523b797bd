from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.members.transfer import TransferError, member_import


class Command(BaseCommand):
    help = (
        "Restore a member from a member_export archive into this deployment: its schema "
        "(built from this deployment's template, then filled), domains and files, all "
        "checked against the manifest; the member is served again at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="An archive written by member_export")
        parser.add_argument(
            "--hcp",
            dest="hcp_code",
            help="Refuse the archive unless it is this member's (a safeguard).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite the member's rows and files if it exists here.",
        )

    def handle(self, *args, file, hcp_code=None, replace=False, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            outcome = member_import(path=file, hcp_code=hcp_code, replace=replace)
        except TransferError as error:
            raise CommandError(str(error)) from error
        member, manifest = outcome.member, outcome.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Replaced' if outcome.replaced else 'Imported'} {member.collectivity.name_fr} "
                f"({member.schema_name}): {len(manifest['tables'])} tables, {outcome.rows:,} rows "
                f"and {len(manifest['files']):,} files checked against the manifest, in "
                f"{outcome.seconds:.1f} s; served at "
                + ", ".join(member.domains.order_by("-is_primary").values_list("domain", flat=True))
            )
        )
