from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from network.accounts.models import NetworkRoleKind
from network.accounts.services import network_account_create
from network.aggregation.services import snapshots_refresh_for_members
from network.demo.services import demo_network_seed
from network.members.models import Member

# Development only (DEBUG): sign-in accounts to try the network's side of the demo.
DEMO_PASSWORD = "infitah-demo-2026"
DEMO_ACCOUNTS = [
    ("dgct@demo.infitah.ma", NetworkRoleKind.DIRECTORATE, None),
    ("tta@demo.infitah.ma", NetworkRoleKind.REGIONAL_FOCAL_POINT, "01"),
]


class Command(BaseCommand):
    help = (
        "Provision the demo network (Tétouan, Tanger, Timezgana, two regions and more), its "
        "snapshots and, in development, two network accounts to sign in with."
    )

    def handle(self, *args, **options):
        for outcome in demo_network_seed():
            state = "provisioned" if outcome.created else "already there"
            name = outcome.member.collectivity.name_fr
            self.stdout.write(f"  {name} ({outcome.member.schema_name}): {state}")
        # The demo is a handful of members: one statement, on this connection.
        snapshots = snapshots_refresh_for_members(
            member_ids=list(Member.objects.ready().values_list("pk", flat=True))
        )
        self.stdout.write(f"  snapshots of {snapshots} members refreshed")
        if settings.DEBUG:
            for email, role, region in DEMO_ACCOUNTS:
                if not User.objects.filter(username=email).exists():
                    network_account_create(
                        email=email, role=role, region_code=region, password=DEMO_PASSWORD
                    )
                self.stdout.write(f"  network account {email} ({role}), password {DEMO_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("Demo network ready."))
