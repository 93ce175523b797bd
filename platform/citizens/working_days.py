"""Moroccan working days: Monday to Friday, minus public holidays. The one place every legal
deadline (law 31.13, petitions) and every reminder counts days.

The holidays come from two sources (docs/law.md section 1):
- the `holidays` package: the fixed holidays of the decrees, and the Islamic feasts at their
  *estimated* dates (Umm al-Qura, often a day before Morocco's);
- the decisions recorded in the public schema (`citizens.HolidayDecision`): the feasts as the
  Ministry of Habous and Islamic Affairs announces them, and exceptional days off. A decision
  replaces the estimates it names.

Each process keeps the calendar in memory and checks the decisions' version (one small query
on the public table) at most every CALENDAR_CHECK_SECONDS, or at once when asked
(`calendar_current(check=True)`, which the recompute task does): a decision recorded by one
process is seen by all the others within seconds, and the deadline loops never query.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from threading import Lock

import holidays
from django.conf import settings
from django.utils.translation import get_language

# How a holiday's date is known.
FIXED = "fixed"  # a date of the decrees (1 January, Throne Day...)
ESTIMATED = "estimated"  # an Islamic feast at the package's estimated date
ANNOUNCED = "announced"  # a recorded decision (the ministry's announcement, a day off granted)

_ESTIMATED_MARK = "(estimated)"  # how the package's English names flag an estimate


@dataclass(frozen=True)
class Holiday:
    day: date
    name_ar: str
    name_fr: str
    kind: str  # FIXED, ESTIMATED or ANNOUNCED

    @property
    def name(self) -> str:
        return self.name_fr if (get_language() or "ar").startswith("fr") else self.name_ar

    @property
    def is_estimated(self) -> bool:
        return self.kind == ESTIMATED

    @property
    def is_announced(self) -> bool:
        return self.kind == ANNOUNCED


@lru_cache(maxsize=64)
def package_holidays(year: int) -> dict[date, tuple[Holiday, ...]]:
    """The package's holidays of `year`, one Holiday per name (a day may hold two: 14 August
    2027 is Oued Ed-Dahab Day and, estimated, the Prophet's Birthday)."""
    english = holidays.Morocco(years=year, language="en_US")
    arabic = holidays.Morocco(years=year, language="ar", islamic_show_estimated=False)
    french = holidays.Morocco(years=year, language="fr", islamic_show_estimated=False)
    found = {}
    for day in sorted(english):
        found[day] = tuple(
            Holiday(
                day=day,
                name_ar=name_ar,
                name_fr=name_fr,
                kind=ESTIMATED if _ESTIMATED_MARK in name_en else FIXED,
            )
            for name_en, name_ar, name_fr in zip(
                english.get_list(day), arabic.get_list(day), french.get_list(day)
            )
        )
    return found


@dataclass(frozen=True)
class Decision:
    """What the calendar needs of a HolidayDecision (plain values, shared by every member)."""

    first_day: date
    days: int
    name_ar: str
    name_fr: str
    replaces: tuple[date, ...]

    @property
    def days_off(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.days)]


class Calendar:
    """The holidays of every year, from the package's and the decisions (built per year on
    first use)."""

    def __init__(self, decisions: tuple[Decision, ...] = ()):
        self.decisions = decisions
        self._years: dict[int, dict[date, tuple[Holiday, ...]]] = {}

    def holidays_of(self, year: int) -> dict[date, tuple[Holiday, ...]]:
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._build(year)
        return found

    def _build(self, year: int) -> dict[date, tuple[Holiday, ...]]:
        days = {day: list(named) for day, named in package_holidays(year).items()}
        replaced = {day for d in self.decisions for day in d.replaces if day.year == year}
        for day in replaced:  # the estimate goes; a fixed holiday on the same day stays
            kept = [h for h in days.get(day, []) if h.kind != ESTIMATED]
            if kept:
                days[day] = kept
            else:
                days.pop(day, None)
        for decision in self.decisions:
            for day in decision.days_off:
                if day.year == year:
                    days.setdefault(day, []).append(
                        Holiday(
                            day=day,
                            name_ar=decision.name_ar,
                            name_fr=decision.name_fr,
                            kind=ANNOUNCED,
                        )
                    )
        return {day: tuple(named) for day, named in sorted(days.items())}

    def holidays_on(self, day: date) -> tuple[Holiday, ...]:
        return self.holidays_of(day.year).get(day, ())

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays_of(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        day, remaining = start, days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def subtract_working_days(self, end: date, days: int) -> date:
        day, remaining = end, days
        while remaining > 0:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        """The holidays after `start` up to and including `end` that fall on a weekday: the
        days a deadline skipped besides weekends."""
        found, day = [], start
        while day < end:
            day += timedelta(days=1)
            if day.weekday() < 5:
                found.extend(self.holidays_on(day))
        return found


# --- the process's calendar and its invalidation --------------------------------------------

_lock = Lock()
_state = {"calendar": None, "version": None, "checked_at": float("-inf")}


def decisions_version():
    """What changes whenever a decision is recorded, changed or deleted (public table), or
    None where no database may be read (pure arithmetic in tests, scripts without one)."""
    from django.db.models import Count, Max

    from citizens.models import HolidayDecision

    try:
        row = HolidayDecision.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    except RuntimeError:  # database access refused here: the package's dates alone
        return None
    return (row["n"], row["last"])


def _decisions_load() -> tuple[Decision, ...]:
    from citizens.models import HolidayDecision

    return tuple(
        Decision(
            first_day=d.first_day,
            days=d.days,
            name_ar=d.name_ar,
            name_fr=d.name_fr,
            replaces=tuple(d.replaces),
        )
        for d in HolidayDecision.objects.order_by("first_day")
    )


def calendar_current(*, check: bool = False) -> Calendar:
    """The calendar as recorded: checked against the decisions' version at most every
    CALENDAR_CHECK_SECONDS, or now with `check=True`."""
    now = time.monotonic()
    calendar = _state["calendar"]
    if (
        calendar is not None
        and not check
        and now - _state["checked_at"] < settings.CALENDAR_CHECK_SECONDS
    ):
        return calendar
    with _lock:
        version = decisions_version()
        if calendar is None or version != _state["version"]:
            decisions = _decisions_load() if version not in (None, (0, None)) else ()
            calendar = Calendar(decisions)
            _state.update(calendar=calendar, version=version)
        # No database here: ask again next time rather than trust the package alone.
        _state["checked_at"] = now if version is not None else float("-inf")
    return calendar


def calendar_forget() -> None:
    """Read the decisions again at the next use (after this process recorded one)."""
    with _lock:
        _state.update(calendar=None, version=None, checked_at=float("-inf"))


# --- what the deadlines and reminders call ----------------------------------------------------


def is_working_day(day: date) -> bool:
    return calendar_current().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of receipt does not count)."""
    return calendar_current().add_working_days(start, days)


def subtract_working_days(end: date, days: int) -> date:
    """The working day `days` working days before `end`: the day from which
    `add_working_days(day, days)` reaches `end` (for reminders before a deadline)."""
    return calendar_current().subtract_working_days(end, days)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
    return calendar_current().working_days_between(start, end)


def holidays_between(start: date, end: date) -> list[Holiday]:
    """The weekday holidays after `start` up to and including `end`."""
    return calendar_current().holidays_between(start, end)


def holidays_of(year: int) -> list[Holiday]:
    """Every holiday of `year`, in date order (the console's calendar)."""
    return [h for named in calendar_current().holidays_of(year).values() for h in named]
