from importlib import import_module

from django.apps import AppConfig


class WorkersConfig(AppConfig):
    """Installed so that the workers' receivers (of `events` signals) are connected in every
    process, web included: member code announces, the workers decide what to run."""

    name = "workers"
    verbose_name = "Workers"

    def ready(self) -> None:
        from workers.app import app

        for module in app.conf.imports:
            import_module(module)
