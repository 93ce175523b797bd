"""The calendar of reminders: Moroccan working days, holidays and feasts included (no database)."""

from datetime import date

import pytest

from tenants.reminders.schedule import information_request_reminder_day, month_before


@pytest.mark.parametrize(
    "due_on, reminded_on",
    [
        # Monday 23 March 2026 after Eid al-Fitr (estimated Friday 20 and Saturday 21) and the
        # weekend: Thursday 19, Wednesday 18, Tuesday 17.
        (date(2026, 3, 23), date(2026, 3, 17)),
        # Monday 1 June 2026 after Eid al-Adha (estimated Wednesday 27 and Thursday 28 May): Friday
        # 29, Tuesday 26, Monday 25.
        (date(2026, 6, 1), date(2026, 5, 25)),
        # Monday 4 May 2026 after Labour Day (Friday 1 May): Thursday 30, Wednesday 29, Tuesday 28.
        (date(2026, 5, 4), date(2026, 4, 28)),
        # An ordinary week: Thursday → Monday.
        (date(2026, 4, 16), date(2026, 4, 13)),
        # Across a plain weekend: Tuesday → Thursday of the week before.
        (date(2026, 4, 21), date(2026, 4, 16)),
    ],
)
def test_information_requests_are_reminded_3_working_days_before(due_on, reminded_on):
    assert information_request_reminder_day(due_on) == reminded_on


@pytest.mark.parametrize(
    "day, before",
    [
        (date(2026, 5, 4), date(2026, 4, 4)),
        (date(2026, 3, 31), date(2026, 2, 28)),
        (date(2028, 3, 30), date(2028, 2, 29)),
        (date(2027, 1, 15), date(2026, 12, 15)),
    ],
)
def test_a_month_before(day, before):
    assert month_before(day) == before
