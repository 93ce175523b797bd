from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    """No model: connects the receivers that log what an operator needs (signals.py)."""

    name = "observability"

    def ready(self) -> None:
        from observability import signals  # noqa: F401
