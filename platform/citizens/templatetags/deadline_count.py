"""`{% deadline_count start=... end=... as count %}`: how a deadline was counted, for the
public page of a request (citizens/deadline_count.html)."""

from types import SimpleNamespace

from django import template

from citizens.working_days import holidays_between, working_days_between

register = template.Library()


@register.simple_tag
def deadline_count(*, start, end) -> SimpleNamespace:
    holidays = holidays_between(start, end)
    return SimpleNamespace(
        start=start,
        end=end,
        working_days=working_days_between(start, end),
        holidays=holidays,
        estimated=any(h.is_estimated for h in holidays),
    )
