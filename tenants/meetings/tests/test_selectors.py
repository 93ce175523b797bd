"""Reads: upcoming and past split by the end of a meeting, each read in constant queries."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tenants.meetings.models import Attendance, Meeting
from tenants.meetings.selectors import (
    attendance_rows,
    attendance_totals,
    meeting_detail,
    meeting_list,
    meeting_upcoming,
)
from tenants.meetings.services import meeting_add_photo, meeting_record_attendance
from tenants.meetings.tests.factories import meeting_in, png

pytestmark = pytest.mark.usefixtures("in_tetouan")

Category = Attendance.Category


def titles(meetings) -> list[str]:
    return [meeting.title_fr for meeting in meetings]


def test_upcoming_and_past_meetings():
    for days in (-10, 5, -1, 1):
        meeting_in(days, title_fr=f"J{days:+d}")
    under_way = timezone.now() - timedelta(hours=1)
    meeting_in(0, title_fr="now", starts_at=under_way, ends_at=under_way + timedelta(hours=3))

    assert titles(meeting_list(when="upcoming")) == ["now", "J+1", "J+5"]
    assert titles(meeting_list(when="past")) == ["J-1", "J-10"]
    assert titles(meeting_list()) == ["J+5", "J+1", "now", "J-1", "J-10"]
    assert titles(meeting_upcoming(limit=2)) == ["now", "J+1"]
    assert [m.is_held for m in meeting_list(when="past")] == [True, True]
    assert not any(m.is_held for m in meeting_list(when="upcoming"))


def test_meetings_of_one_kind():
    meeting_in(2, title_fr="training", kind=Meeting.Kind.TRAINING)
    meeting_in(3, title_fr="workshop")
    assert titles(meeting_list(kind=Meeting.Kind.TRAINING)) == ["training"]
    assert titles(meeting_list(kind=Meeting.Kind.TRAINING, when="past")) == []


def test_titles_in_the_language_of_the_page():
    both, arabic_only = meeting_in(1), meeting_in(2, title_fr="")
    with translation.override("fr"):
        assert (both.title, both.title.lang) == ("Atelier de co-construction", "fr")
        assert (arabic_only.title, arabic_only.title.lang) == ("ورشة الإعداد المشترك", "ar")
    with translation.override("ar"):
        assert both.title == "ورشة الإعداد المشترك"


def test_a_meeting_with_its_attendance_and_photos_in_three_queries(
    django_assert_num_queries, media_root
):
    meeting = meeting_in(-2)
    meeting_record_attendance(
        meeting=meeting,
        counts={Category.MEDIA: (1, 2), Category.COUNCIL: (4, 11), Category.STUDENTS: (9, 6)},
    )
    for _ in range(3):
        meeting_add_photo(meeting=meeting, image=png())
    with django_assert_num_queries(3):
        found = meeting_detail(pk=meeting.pk)
        rows = attendance_rows(found)
        totals = attendance_totals(found)
        photos = list(found.photos.all())
    assert [row.category for row in rows] == [Category.COUNCIL, Category.STUDENTS, Category.MEDIA]
    assert (totals.women, totals.men, totals.total) == (14, 19, 33)
    assert len(photos) == 3
    assert meeting_detail(pk=meeting.pk + 1000) is None


@pytest.mark.parametrize("when", ["upcoming", "past", None])
def test_a_list_is_one_query_however_many_meetings(django_assert_num_queries, when):
    for days in (-3, -2, -1, 1, 2, 3):
        meeting_in(days)
    with django_assert_num_queries(1):
        shown = [(m.title, m.get_kind_display(), m.is_held) for m in meeting_list(when=when)]
    assert len(shown) == (6 if when is None else 3)
