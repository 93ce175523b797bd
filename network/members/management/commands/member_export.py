from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.members.models import Member
from network.members.transfer import TransferError, member_export


class Command(BaseCommand):
    help = (
        "Write one member's rows and files into one archive (tar; gzip when the name ends "
        "in .gz or .tgz) with a manifest, for member_import here or on another deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("hcp_code", help="HCP code, e.g. 01.571.01.11 (Tétouan)")
        parser.add_argument("file", type=Path, help="The archive to write, e.g. tetouan.tar.gz")

    def handle(self, *args, hcp_code, file, **options):
        member = (
            Member.objects.ready()
            .select_related("collectivity")
            .filter(collectivity_id=hcp_code.strip())
            .first()
        )
        if member is None:
            raise CommandError(f"No ready member has the HCP code “{hcp_code}”.")
        try:
            outcome = member_export(member=member, path=file)
        except TransferError as error:
            raise CommandError(str(error)) from error
        manifest = outcome.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {member.collectivity.name_fr} ({member.schema_name}) to {file}: "
                f"{len(manifest['tables'])} tables, {outcome.rows:,} rows, "
                f"{len(manifest['files']):,} files ({outcome.files_bytes / 2**20:.1f} MB) "
                f"in {outcome.seconds:.1f} s."
            )
        )
