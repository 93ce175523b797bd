"""Sent once a holiday decision has committed (public schema): the workers recompute every
member's open deadlines (workers/holidays.py). Platform code never imports the workers."""

from django.dispatch import Signal

# kwargs: decision_id; days, the days whose status may have changed (dates; None: unknown,
# every open deadline is counted again)
holiday_calendar_changed = Signal()
