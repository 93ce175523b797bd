from django.core.management.base import BaseCommand

from network.members.demo import demo_network_seed


class Command(BaseCommand):
    help = "Provision the demo network (Tétouan, Tanger, Timezgana, two regions and more)."

    def handle(self, *args, **options):
        for outcome in demo_network_seed():
            state = "provisioned" if outcome.created else "already there"
            name = outcome.member.collectivity.name_fr
            self.stdout.write(f"  {name} ({outcome.member.schema_name}): {state}")
        self.stdout.write(self.style.SUCCESS("Demo network ready."))
