"""Writes: validation, attendance replaced as a whole, files checked by their content."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.meetings.models import Attendance, Meeting, MeetingPhoto
from tenants.meetings.services import (
    meeting_add_photo,
    meeting_delete,
    meeting_record_attendance,
    meeting_update,
)
from tenants.meetings.tests.factories import meeting_in, pdf, png

pytestmark = pytest.mark.usefixtures("in_tetouan")

COUNCIL, CIVIL_SOCIETY, MEDIA = (
    Attendance.Category.COUNCIL,
    Attendance.Category.CIVIL_SOCIETY,
    Attendance.Category.MEDIA,
)


def test_a_meeting_needs_a_title_in_one_language_at_least():
    with pytest.raises(ValidationError) as refused:
        meeting_in(3, title_ar="", title_fr=" ")
    assert "title_ar" in refused.value.message_dict
    assert meeting_in(3, title_fr="").title_ar


def test_a_meeting_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as refused:
        meeting_in(3, ends_at=timezone.now())
    assert "ends_at" in refused.value.message_dict
    assert not Meeting.objects.exists()


def test_an_update_is_validated_as_a_whole_and_refused_without_a_change():
    meeting = meeting_in(3, place="قاعة الاجتماعات")
    with pytest.raises(ValidationError):
        meeting_update(
            meeting=meeting, place="مقر الجماعة", ends_at=meeting.starts_at - timedelta(hours=1)
        )
    assert Meeting.objects.get(pk=meeting.pk).place == "قاعة الاجتماعات"


def test_an_update_changes_only_editable_fields():
    meeting = meeting_in(3)
    meeting_update(meeting=meeting, place="دار الشباب")
    assert Meeting.objects.get(pk=meeting.pk).place == "دار الشباب"
    with pytest.raises(TypeError):
        meeting_update(meeting=meeting, created_at=meeting.starts_at)


def test_attendance_is_replaced_as_a_whole():
    meeting = meeting_in(-1)
    meeting_record_attendance(meeting=meeting, counts={COUNCIL: (3, 9), CIVIL_SOCIETY: (12, 7)})
    meeting_record_attendance(meeting=meeting, counts={CIVIL_SOCIETY: (14, 7), MEDIA: (0, 0)})
    rows = {row.category: (row.women, row.men) for row in meeting.attendance.all()}
    assert rows == {CIVIL_SOCIETY: (14, 7)}  # council gone; (0, 0) makes no row


@pytest.mark.parametrize("counts", [{COUNCIL: (-1, 4)}, {"tourists": (1, 1)}])
def test_wrong_attendance_is_refused_and_keeps_what_was_there(counts):
    meeting = meeting_in(-1)
    meeting_record_attendance(meeting=meeting, counts={MEDIA: (2, 3)})
    with pytest.raises(ValidationError):
        meeting_record_attendance(meeting=meeting, counts={CIVIL_SOCIETY: (5, 5), **counts})
    assert [(row.category, row.total) for row in meeting.attendance.all()] == [(MEDIA, 5)]


def test_minutes_are_checked_by_content_not_by_name(media_root):
    with pytest.raises(ValidationError) as refused:
        meeting_in(-1, minutes=png("minutes.pdf"))
    assert "minutes" in refused.value.message_dict
    meeting = meeting_in(-1, minutes=pdf())
    assert meeting.minutes.name.startswith("meetings/minutes/")
    assert "m_015710111" in meeting.minutes.path  # under Tétouan's own folder


def test_photos_must_be_images(media_root):
    meeting = meeting_in(-1)
    with pytest.raises(ValidationError):
        meeting_add_photo(meeting=meeting, image=pdf("photo.png"))
    with pytest.raises(ValidationError):
        meeting_add_photo(meeting=meeting, image=pdf("minutes.pdf"))
    photo = meeting_add_photo(meeting=meeting, image=png(), caption="المشاركات والمشاركون")
    assert list(meeting.photos.all()) == [photo]


def test_replaced_and_deleted_files_leave_storage(media_root, django_capture_on_commit_callbacks):
    meeting = meeting_in(-1, minutes=pdf("first.pdf"))
    first = Path(meeting.minutes.path)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, minutes=pdf("second.pdf"))
    second = Path(meeting.minutes.path)
    photo = Path(meeting_add_photo(meeting=meeting, image=png()).image.path)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, title_fr="Atelier")  # the minutes stay
    assert (first.exists(), second.exists(), photo.exists()) == (False, True, True)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_delete(meeting=meeting)
    assert (second.exists(), photo.exists()) == (False, False)
    assert not MeetingPhoto.objects.exists()
