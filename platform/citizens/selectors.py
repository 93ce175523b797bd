"""Reads of the official calendar (public schema, readable from any member's schema)."""

from django.db.models import QuerySet

from citizens.models import HolidayDecision
from citizens.working_days import ESTIMATED, Holiday, holidays_of


def holiday_decision_list() -> QuerySet[HolidayDecision]:
    return HolidayDecision.objects.order_by("-first_day")


def calendar_year(*, year: int) -> list[Holiday]:
    """Every holiday of `year` as the deadlines count them, in date order."""
    return holidays_of(year)


def estimated_feasts(*, year: int) -> list[Holiday]:
    """The feasts of `year` still at the package's estimated dates (no decision yet)."""
    return [holiday for holiday in holidays_of(year) if holiday.kind == ESTIMATED]
