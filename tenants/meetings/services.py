"""Writes on meetings (the current member's schema: every function runs where it is called).

Files replaced or deleted here are removed from storage after the transaction commits: a
minutes file withdrawn for a mistake must not stay reachable at its old address.
"""
from collections.abc import Mapping
from datetime import datetime

from django.core.files import File
from django.db import transaction

from tenants.meetings.models import Attendance, Meeting, MeetingPhoto
from uploads import delete_files_after_commit

# What staff may set on a meeting, through the API, the admin or code.
EDITABLE_FIELDS = ("kind", "title_ar", "title_fr", "starts_at", "ends_at", "place",
                   "online_link", "agenda_ar", "agenda_fr", "minutes")


def _meeting_save(meeting: Meeting) -> Meeting:
    if not meeting.minutes:
        meeting.minutes = ""  # the column is not nullable: no file is an empty name
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_create(*, kind: str, starts_at: datetime, title_ar: str = "", title_fr: str = "",
                   ends_at: datetime | None = None, place: str = "", online_link: str = "",
                   agenda_ar: str = "", agenda_fr: str = "",
                   minutes: File | None = None) -> Meeting:
    """Announce a meeting; at least one title (Arabic or French) is required."""
    return _meeting_save(Meeting(kind=kind, title_ar=title_ar, title_fr=title_fr,
                                 starts_at=starts_at, ends_at=ends_at, place=place,
                                 online_link=online_link, agenda_ar=agenda_ar,
                                 agenda_fr=agenda_fr, minutes=minutes))


@transaction.atomic
def meeting_update(*, meeting: Meeting, **changes) -> Meeting:
    """Change some of a meeting's EDITABLE_FIELDS; the meeting is validated as a whole.

    `minutes=None` withdraws the minutes; a new file replaces the old one, which is deleted.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    stored = Meeting.objects.select_for_update().only("minutes").get(pk=meeting.pk)
    for name, value in changes.items():
        setattr(meeting, name, value)
    _meeting_save(meeting)
    if stored.minutes.name != meeting.minutes.name:
        delete_files_after_commit([stored.minutes])
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Delete a meeting with its attendance, photos and files."""
    files = [meeting.minutes, *(photo.image for photo in meeting.photos.all())]
    meeting.delete()
    delete_files_after_commit(files)


@transaction.atomic
def meeting_record_attendance(*, meeting: Meeting,
                              counts: Mapping[str, tuple[int, int]]) -> list[Attendance]:
    """Replace the meeting's attendance with `counts`: {category: (women, men)}.

    Categories left out, or given as (0, 0), have no row: the table shows who came.
    """
    rows = [Attendance(meeting=meeting, category=category, women=women, men=men)
            for category, (women, men) in counts.items() if women or men]
    for row in rows:
        # The meeting is the one in hand and one row per category comes from the mapping:
        # no need for a query per row to check either.
        row.full_clean(exclude=["meeting"], validate_constraints=False)
    Attendance.objects.filter(meeting=meeting).delete()
    for row in rows:
        row.save()  # one by one (seven at most): post_save refreshes the cached pages
    return rows


@transaction.atomic
def meeting_add_photo(*, meeting: Meeting, image: File, caption: str = "") -> MeetingPhoto:
    photo = MeetingPhoto(meeting=meeting, image=image, caption=caption)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def meeting_photo_delete(*, photo: MeetingPhoto) -> None:
    photo.delete()
    delete_files_after_commit([photo.image])
