"""The official calendar changed (a holiday decision, platform/citizens): what of a batch of
members' petitions depends on it (called by workers/holidays.py with the members' schemas).

Nothing stored does today: the bureau's admissibility date (`admissibility_due_on`) is counted
in calendar months from the submission (law.months_after, with the months of the petition
settings), not in working days, and the opening of the next session is
a proposal computed when staff look (selectors.next_ordinary_session), which staff then
correct. This hook is where a petition deadline counted in working days would be recounted
(read and written across the batch as tenants/reminders/calendar_hooks.py does).
"""

from datetime import date


def petition_due_dates_recount(*, members: list, days: list[date] | None = None) -> int:
    """Count again the petition deadlines of `members` that depend on the holidays; how many
    moved (none: see the module's docstring)."""
    return 0
