from django.core.management.base import BaseCommand, CommandError


def report_outcome(
    command: BaseCommand, *, summary: str, failures: dict[str, str], failure_message: str
) -> None:
    """Print a bulk command's summary and each failure; fail the command if any failed."""
    command.stdout.write(command.style.SUCCESS(summary))
    for key, message in failures.items():
        command.stderr.write(f"  {key}: {message}")
    if failures:
        raise CommandError(failure_message)
