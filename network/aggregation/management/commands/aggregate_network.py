"""Refresh the members' snapshots: the whole network, or one member."""

import time

from django.core.management.base import BaseCommand, CommandError

from network.aggregation.bulk import snapshots_refresh_network
from network.aggregation.selectors import CHUNK_SIZE
from network.aggregation.services import snapshot_refresh_for_member
from network.members.models import Member


class Command(BaseCommand):
    help = (
        "Refresh the network's figures (a snapshot per member, read by the dashboard, the "
        "comparison and the open data). The workers do it every hour and after each change."
    )

    def add_arguments(self, parser):
        parser.add_argument("hcp_code", nargs="?", help="Only this member (its HCP code).")
        parser.add_argument("--processes", type=int, default=2)
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)

    def handle(self, *args, hcp_code=None, processes=2, chunk_size=CHUNK_SIZE, **options):
        started = time.perf_counter()
        if hcp_code:
            member = Member.objects.ready().filter(collectivity_id=hcp_code).first()
            if member is None:
                raise CommandError(f"No ready member with the HCP code {hcp_code}.")
            snapshot = snapshot_refresh_for_member(member=member)
            self.stdout.write(
                f"{hcp_code}: {snapshot.score} scorecard points "
                f"({(time.perf_counter() - started) * 1000:.0f} ms)"
            )
            return
        count = snapshots_refresh_network(processes=processes, chunk_size=chunk_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} snapshots refreshed in {time.perf_counter() - started:.2f} s"
            )
        )
