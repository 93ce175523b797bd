from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from network.members.bulk import members_provision_many
from network.members.management.reporting import report_outcome
from network.members.services import ProvisioningError, member_provision
from network.registry.models import Tier
from network.registry.selectors import collectivity_list


class Command(BaseCommand):
    help = "Turn a collectivity into a member (schema, domains, site profile), or many with --all."

    def add_arguments(self, parser):
        parser.add_argument("hcp_code", nargs="?", help="HCP code, e.g. 01.571.01.11 (Tétouan)")
        parser.add_argument(
            "--domain",
            action="append",
            default=[],
            dest="domains",
            help="An extra custom domain (repeatable).",
        )
        parser.add_argument("--all", action="store_true", help="Provision every collectivity.")
        parser.add_argument("--tier", choices=Tier.values, help="With --all: only this tier.")
        parser.add_argument("--processes", type=int, default=4)

    def handle(
        self, *args, hcp_code=None, domains=(), all=False, tier=None, processes=4, **options
    ):
        if all == bool(hcp_code):
            raise CommandError("Give one HCP code, or --all.")
        if all:
            return self._provision_all(tier=tier, processes=processes)
        try:
            outcome = member_provision(hcp_code=hcp_code, custom_domains=domains)
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        member = outcome.member
        if outcome.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Provisioned {member.collectivity.name_fr} as {member.schema_name}: "
                    + ", ".join(outcome.added_domains)
                )
            )
        elif outcome.added_domains:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{member.schema_name} already provisioned; added "
                    + ", ".join(outcome.added_domains)
                )
            )
        else:
            self.stdout.write(f"{member.schema_name} is already provisioned: nothing changed.")

    def _provision_all(self, *, tier, processes):
        codes = list(collectivity_list(tier=tier).values_list("code", flat=True))
        if not codes:
            raise CommandError("The registry is empty: run `manage.py load_registry` first.")
        with tqdm(total=len(codes), unit="member", disable=None) as bar:
            outcome = members_provision_many(codes=codes, processes=processes, progress=bar.update)
        report_outcome(
            self,
            summary=f"{len(outcome.created)} provisioned, "
            f"{len(outcome.unchanged)} already there, "
            f"{len(outcome.failed)} failed.",
            failures=outcome.failed,
            failure_message="Some members could not be provisioned.",
        )
