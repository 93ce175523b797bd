from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import tenant_context

from kernel.actors import Actor
from network.members.models import Member
from network.members.selectors import member_directory
from tenancy.addresses import member_site_url


def _staff_invite_for_member(*, member: Member, email: str, role: str) -> str:
    """Invite a member of staff into `member`'s schema; returns the set-password link."""
    from tenants.site.services import staff_invite, staff_password_link

    site_url = member_site_url(member, scheme="http")
    with tenant_context(member):
        membership = staff_invite(
            email=email, role=role, invited_by=Actor(name="operator"), site_url=site_url
        )
        return staff_password_link(user=membership.user, site_url=site_url)


class Command(BaseCommand):
    help = "Invite a member's first staff (usually its focal point); prints the password link."

    def add_arguments(self, parser):
        parser.add_argument("hcp_code")
        parser.add_argument("email")
        parser.add_argument(
            "--role", default="focal_point", choices=["focal_point", "editor", "moderator"]
        )

    def handle(self, *args, hcp_code, email, role, **options):
        member = member_directory().filter(collectivity_id=hcp_code).first()
        if member is None:
            raise CommandError(f"No ready member has the HCP code {hcp_code}.")
        try:
            link = _staff_invite_for_member(member=member, email=email, role=role)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Invited {email} ({role}); e-mail sent. Link: {link}")
        )
