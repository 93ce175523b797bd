"""Reads on meetings (the current member's schema), each in a constant number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.signed_links import LinkRefused
from tenants.meetings.models import Attendance, Meeting, Registration
from tenants.meetings.tokens import cancel_token_read


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


def meetings_home_block() -> dict:
    """What the member's home page shows of the meetings (settings.HOME_BLOCKS)."""
    return {"upcoming_meetings": list(meeting_upcoming(limit=3))}


def _meetings_with_registration_counts() -> QuerySet[Meeting]:
    """Counts of registrations in the same query: `registered` (seats taken) and
    `present_gender_not_said` (people present who did not say their gender)."""
    return Meeting.objects.annotate(
        registered=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)),
        present_gender_not_said=Count(
            "registrations",
            filter=Q(
                registrations__cancelled_at__isnull=True,
                registrations__present=True,
                registrations__gender=Registration.Gender.NOT_SAID,
            ),
        ),
    )


def meeting_detail(*, pk: int) -> Meeting | None:
    """One meeting with its attendance, photos and registration counts (three queries), or
    None."""
    return (
        _meetings_with_registration_counts()
        .prefetch_related("attendance", "photos")
        .filter(pk=pk)
        .first()
    )


def meeting_for_registration(*, pk: int) -> Meeting | None:
    """One meeting with its registration counts (one query), or None."""
    return _meetings_with_registration_counts().filter(pk=pk).first()


@dataclass(frozen=True)
class Seats:
    """Where a meeting stands for registration; `left` is None when there is no limit."""

    is_open: bool
    capacity: int | None
    taken: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.left == 0

    @property
    def can_register(self) -> bool:
        return self.is_open and not self.is_full


def meeting_seats(meeting: Meeting) -> Seats:
    """The meeting's seats (uses the counts of meeting_detail / meeting_for_registration: no
    query)."""
    return Seats(
        is_open=meeting.registration_is_open, capacity=meeting.capacity, taken=meeting.registered
    )


def registration_list(*, meeting: Meeting | None = None) -> QuerySet[Registration]:
    """Registrations (personal data: for the member's staff only), of one meeting or all."""
    registrations = Registration.objects.select_related("meeting")
    if meeting is not None:
        registrations = registrations.filter(meeting=meeting)
    return registrations.order_by("meeting__starts_at", "registered_at", "pk")


def registration_by_cancel_token(*, token: str) -> Registration | None:
    """The registration a cancel link names, if the link was signed for this member."""
    try:
        pk = cancel_token_read(token)
    except LinkRefused:
        return None
    return Registration.objects.select_related("meeting").filter(pk=pk).first()


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
    return AttendanceTotals(women=sum(row.women for row in rows), men=sum(row.men for row in rows))


def meeting_without_record(*, now=None) -> QuerySet[Meeting]:
    """Meetings held (started before `now`) that still lack their attendance or their
    minutes, the most recent first: what the public page cannot show yet."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(starts_at__lt=now)
        .filter(Q(minutes="") | ~Q(pk__in=Attendance.objects.values("meeting_id")))
        .annotate(attendance_rows=Count("attendance"))
        .order_by("-starts_at", "-pk")
    )


def meeting_staff_list(*, when: When) -> QuerySet[Meeting]:
    """Upcoming or past meetings for the staff's list, with how many attendance rows and
    photos each has (`attendance_rows`, `photo_count`): one query a page."""
    return meeting_list(when=when).annotate(
        attendance_rows=Count("attendance", distinct=True),
        photo_count=Count("photos", distinct=True),
    )


def meeting_present_counts(*, meeting: Meeting) -> dict[str, tuple[int, int]]:
    """{category: (women, men)} of the meeting's registrations marked present (not
    cancelled), to prefill the attendance form; the rule of
    services.meeting_attendance_from_registrations, without writing. One query."""
    rows = (
        Registration.objects.filter(meeting=meeting, cancelled_at__isnull=True, present=True)
        .order_by()
        .values_list("category", "gender")
        .annotate(number=Count("pk"))
    )
    counts = {category: [0, 0] for category in Attendance.Category.values}
    for category, gender, number in rows:
        if category in counts and gender == Registration.Gender.WOMAN:
            counts[category][0] += number
        elif category in counts and gender == Registration.Gender.MAN:
            counts[category][1] += number
    return {category: (women, men) for category, (women, men) in counts.items() if women or men}


def meeting_photo_get(*, meeting: Meeting, pk: int):
    """One photo of `meeting`, or None (another meeting's photo is not found here)."""
    return meeting.photos.filter(pk=pk).first()
