"""Record an announced holiday from the command line (public schema), e.g. the evening the
Ministry of Habous and Islamic Affairs announces a feast:

    manage.py holiday_decision 2027-05-17 --days 2 --name-ar "عيد الأضحى" \
        --name-fr "Aïd al-Adha" --replaces 2027-05-16 2027-05-17 --source "https://..."
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from citizens.services import holiday_decision_record


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = "Record an announced holiday; the workers then recompute every open deadline."

    def add_arguments(self, parser):
        parser.add_argument("first_day", help="first day off, YYYY-MM-DD")
        parser.add_argument("--days", type=int, default=1, help="number of days off (1 to 3)")
        parser.add_argument("--name-ar", required=True)
        parser.add_argument("--name-fr", required=True)
        parser.add_argument(
            "--replaces",
            nargs="*",
            default=[],
            metavar="YYYY-MM-DD",
            help="the estimated dates this decision replaces",
        )
        parser.add_argument("--source", default="", help="the announcement (address or reference)")

    def handle(self, *args, **options):
        connection.set_schema_to_public()
        try:
            decision = holiday_decision_record(
                first_day=_day(options["first_day"]),
                days=options["days"],
                name_ar=options["name_ar"],
                name_fr=options["name_fr"],
                replaces=[_day(value) for value in options["replaces"]],
                source=options["source"],
                by_name="manage.py holiday_decision",
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        days = ", ".join(f"{day:%Y-%m-%d}" for day in decision.days_off)
        self.stdout.write(
            f"Recorded: {decision.name_fr} ({days}); due dates are being recomputed by the workers."
        )
