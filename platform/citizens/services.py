"""Writes on the official calendar (public schema)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from citizens.models import HolidayDecision
from citizens.signals import holiday_calendar_changed
from citizens.working_days import ESTIMATED, calendar_forget, package_holidays


def _not_estimated(days: list[date]) -> list[date]:
    """The days among `days` on which the package estimates no feast."""
    return [
        day
        for day in days
        if not any(h.kind == ESTIMATED for h in package_holidays(day.year).get(day, ()))
    ]


def _changed(decision: HolidayDecision) -> None:
    calendar_forget()
    # The days whose status it changes: its days off, and the estimates that become working
    # days again (a superset: a day off may have been one already).
    days = sorted(set(decision.days_off) | set(decision.replaces))
    holiday_calendar_changed.send(sender=HolidayDecision, decision_id=decision.pk, days=days)


@transaction.atomic
def holiday_decision_record(
    *,
    first_day: date,
    days: int,
    name_ar: str,
    name_fr: str,
    replaces: list[date] | tuple[date, ...] = (),
    source: str = "",
    by_id: int | None = None,
    by_name: str = "",
) -> HolidayDecision:
    """Record an announced holiday (public schema): `days` days off from `first_day`,
    replacing the package's estimated dates in `replaces` (each must be one). Once committed,
    this process reads the calendar afresh and the workers recompute the due dates of every
    member's open requests (`holiday_calendar_changed`)."""
    replaces = sorted(set(replaces))
    decision = HolidayDecision(
        first_day=first_day,
        days=days,
        name_ar=clean_citizen_text(name_ar, max_length=120),
        name_fr=clean_citizen_text(name_fr, max_length=120),
        replaces=replaces,
        source=clean_citizen_text(source, max_length=500),
        recorded_by_id=by_id,
        recorded_by_name=by_name[:150],
    )
    errors = {}
    if first_day and HolidayDecision.objects.filter(first_day=first_day).exists():
        errors["first_day"] = ValidationError(
            _("A decision is already recorded for this day."), code="duplicate"
        )
    wrong = _not_estimated(replaces)
    if wrong:
        errors["replaces"] = ValidationError(
            _("No feast is estimated on %(days)s: only an estimated date can be replaced.")
            % {"days": ", ".join(f"{day:%Y-%m-%d}" for day in wrong)},
            code="not_estimated",
        )
    try:
        decision.full_clean(validate_unique=False)
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    decision.save()
    calendar_forget()  # this process, at once (the others within CALENDAR_CHECK_SECONDS)
    transaction.on_commit(lambda: _changed(decision))
    return decision
