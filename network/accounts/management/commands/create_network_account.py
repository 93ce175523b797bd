"""manage.py create_network_account dir@dgct.gov.ma --role directorate
manage.py create_network_account nord@dgct.gov.ma --role regional_focal_point --region 01"""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from network.accounts.models import NetworkRoleKind
from network.accounts.services import network_account_create


class Command(BaseCommand):
    help = "Create a network account (directorate or regional focal point) in the public schema."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", choices=NetworkRoleKind.values, required=True)
        parser.add_argument(
            "--region",
            dest="region_code",
            default=None,
            help="HCP code of the region (regional focal points only), e.g. 01",
        )
        parser.add_argument(
            "--password", default=None, help="Asked for when omitted on a terminal; none otherwise."
        )

    def handle(self, *args, email, role, region_code, password, **options):
        if password is None and sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            user = network_account_create(
                email=email, role=role, region_code=region_code, password=password or None
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            f"Network account {user.email} ({role}"
            + (f", region {region_code}" if region_code else "")
            + ") created."
        )
