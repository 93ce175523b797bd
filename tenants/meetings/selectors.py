"""Reads on meetings (the current member's schema), each in a constant number of queries."""
from dataclasses import dataclass
from django.db.models import Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.meetings.models import Attendance, Meeting

class When(TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PAST = "past", _("Past")


def when_q(when: When) -> Q:
    """Meetings not over yet (upcoming) or over (past): the rule of Meeting.is_held, in SQL."""
    now = timezone.now()
    if when == When.UPCOMING:
        return Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)
    return Q(ends_at__lt=now) | Q(ends_at__isnull=True, starts_at__lt=now)


def meeting_list(*, kind: str | None = None, when: When | None = None) -> QuerySet[Meeting]:
    """Meetings, optionally of one kind; upcoming ones soonest first, past ones latest first.

    A meeting under way is still upcoming: it shows until it is over.
    """
    meetings = Meeting.objects.all()
    if kind:
        meetings = meetings.filter(kind=kind)
    if when == When.UPCOMING:
        return meetings.filter(when_q(when)).order_by("starts_at", "pk")
    if when == When.PAST:
        meetings = meetings.filter(when_q(when))
    return meetings.order_by("-starts_at", "-pk")


def meeting_upcoming(*, limit: int = 3) -> QuerySet[Meeting]:
    """The next meetings, for the home page."""
    return meeting_list(when=When.UPCOMING)[:limit]


def meeting_detail(*, pk: int) -> Meeting | None:
    """One meeting with its attendance and photos (three queries), or None."""
    return (Meeting.objects.prefetch_related("attendance", "photos")
            .filter(pk=pk).first())


@dataclass(frozen=True)
class AttendanceTotals:
    women: int
    men: int

    @property
    def total(self) -> int:
        return self.women + self.men


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    """The meeting's attendance in the order of the categories (uses the prefetched rows)."""
    order = {category: index for index, category in enumerate(Attendance.Category.values)}
    return sorted(meeting.attendance.all(), key=lambda row: order.get(row.category, len(order)))


def attendance_totals(meeting: Meeting) -> AttendanceTotals:
    """Women, men and all who attended (uses the prefetched rows: no query after
    meeting_detail)."""
    rows = meeting.attendance.all()
    return AttendanceTotals(women=sum(row.women for row in rows),
                            men=sum(row.men for row in rows))
