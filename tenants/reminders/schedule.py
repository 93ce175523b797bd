"""When each reminder is due: pure calendar arithmetic, no database.

A reminder has a *moment* (the day from which it is due) and stays due while it is still
useful, so that a sweep that did not run on the day (a missed beat tick, a broker that lost
its queue, a worker down) sends it at the next sweep rather than never. Deadlines of law 31.13
are counted in Moroccan working days (`citizens.working_days`: weekends, public holidays and
the Islamic feasts of the `holidays` package); the other reminders in calendar days.
"""

import calendar
from datetime import date, timedelta

from citizens.working_days import subtract_working_days

# Information requests (law 31.13): the officer is reminded 3 working days before the due date
# and on the due date itself.
INFORMATION_REQUEST_WORKING_DAYS_BEFORE = 3
# Milestones of the programme: a week before their due date.
MILESTONE_DAYS_BEFORE = 7
# Petitions: the focal points are reminded two weeks before the bureau's admissibility
# decision is due (organic laws 111.14, 112.14, 113.14; the delay: tenants/petitions/law.py).
PETITION_ADMISSIBILITY_DAYS_BEFORE = 14
# Registrants of a meeting: the day before.
MEETING_DAYS_BEFORE = 1
# Followers of a consultation: 2 days before it closes.
CONSULTATION_DAYS_BEFORE = 2
# "Overdue" reminders (a request or a milestone past its due date) are sent up to this many
# days after the due date: enough to catch up a worker down for weeks, not so much that the
# first sweep of a member with years of history floods its staff.
OVERDUE_CATCH_UP_DAYS = 30


def information_request_reminder_day(due_on: date) -> date:
    """The working day 3 working days before `due_on` (a Friday holiday and the weekend before
    a Monday deadline are skipped)."""
    return subtract_working_days(due_on, INFORMATION_REQUEST_WORKING_DAYS_BEFORE)


def month_before(day: date) -> date:
    """The same day one month earlier, or the last day of that month when it is shorter
    (31 March → 28/29 February)."""
    year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_before(*, event_on: date, days: int) -> date:
    """The day `days` calendar days before `event_on`."""
    return event_on - timedelta(days=days)


def overdue_window(today: date) -> tuple[date, date]:
    """Due dates whose "overdue" reminder is due today: from OVERDUE_CATCH_UP_DAYS ago up to
    yesterday (a deadline is met on its day)."""
    return today - timedelta(days=OVERDUE_CATCH_UP_DAYS), today - timedelta(days=1)
