"""Writes on meetings (the current member's schema: every function runs where it is called).

Files replaced or deleted here are removed from storage after the transaction commits: a
minutes file withdrawn for a mistake must not stay reachable at its old address.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import citizens
from events import emit
from kernel.partial_update import fields_update
from tenants.meetings.models import Attendance, Meeting, MeetingPhoto, Registration
from tenants.meetings.tokens import cancel_token_make
from kernel.mail import member_mail_send
from kernel.page_cache import content_changed
from uploads import delete_files_after_commit

# What staff may set on a meeting, through the API, the admin or code.
EDITABLE_FIELDS = (
    "kind",
    "title_ar",
    "title_fr",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "agenda_ar",
    "agenda_fr",
    "minutes",
    "takes_registrations",
    "capacity",
)

# A change of these is told to the meeting's followers (tenants/notifications).
NOTIFIED_FIELDS = ("kind", "title_ar", "title_fr", "starts_at", "ends_at", "place", "online_link")


def _meeting_save(meeting: Meeting) -> Meeting:
    if not meeting.minutes:
        meeting.minutes = ""  # the column is not nullable: no file is an empty name
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_create(
    *,
    kind: str,
    starts_at: datetime,
    title_ar: str = "",
    title_fr: str = "",
    ends_at: datetime | None = None,
    place: str = "",
    online_link: str = "",
    agenda_ar: str = "",
    agenda_fr: str = "",
    minutes: File | None = None,
    takes_registrations: bool = True,
    capacity: int | None = None,
) -> Meeting:
    """Announce a meeting; at least one title (Arabic or French) is required. People may
    register until it starts (unless `takes_registrations` is False), `capacity` at most."""
    meeting = _meeting_save(
        Meeting(
            kind=kind,
            title_ar=title_ar,
            title_fr=title_fr,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            online_link=online_link,
            agenda_ar=agenda_ar,
            agenda_fr=agenda_fr,
            minutes=minutes,
            takes_registrations=takes_registrations,
            capacity=capacity,
        )
    )
    emit("meeting.announced", meeting_id=meeting.pk)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, **changes) -> Meeting:
    """Change some of a meeting's EDITABLE_FIELDS; the meeting is validated as a whole.

    `minutes=None` withdraws the minutes; a new file replaces the old one, which is deleted.
    """
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    fields_update(meeting, changes, allowed=EDITABLE_FIELDS)
    _meeting_save(meeting)
    # What people who plan to come need to know again: when, where, what.
    moved = {
        name: str(getattr(meeting, name))
        for name in NOTIFIED_FIELDS
        if name in changes and getattr(stored, name) != getattr(meeting, name)
    }
    if moved:
        emit("meeting.changed", meeting_id=meeting.pk, changes=moved)
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
def meeting_record_attendance(
    *, meeting: Meeting, counts: Mapping[str, tuple[int, int]]
) -> list[Attendance]:
    """Replace the meeting's attendance with `counts`: {category: (women, men)}.

    Categories left out, or given as (0, 0), have no row: the table shows who came.
    """
    rows = [
        Attendance(meeting=meeting, category=category, women=women, men=men)
        for category, (women, men) in counts.items()
        if women or men
    ]
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


def normalized_email(email: str) -> str:
    return BaseUserManager.normalize_email((email or "").strip()).lower()


def registration_cancel_link(*, registration: Registration, site_url: str) -> str:
    return site_url.rstrip("/") + reverse("meetings:cancel", args=[cancel_token_make(registration)])


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    category: str,
    gender: str = Registration.Gender.NOT_SAID,
    language: str = Registration.Language.ARABIC,
    site_url: str = "",
    send_confirmation: bool = True,
) -> Registration:
    """Register a person for an upcoming meeting and e-mail them a confirmation with a cancel
    link (`site_url`: the member's site, for the link).

    Refused (ValidationError, by code): `closed` once the meeting has started or when it takes
    no registrations, `already_registered` for a second registration of one e-mail address,
    `full` when every seat is taken. `send_confirmation=False` for registrations made another
    way (the demo data).
    """
    if send_confirmation and not site_url:
        raise TypeError("site_url is needed for the cancel link")
    # The meeting's row is locked: two people cannot both take its last seat.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.registration_is_open:
        raise ValidationError(_("Registration for this meeting is closed."), code="closed")
    registration = Registration(
        meeting=meeting,
        name=citizens.clean_citizen_text(name),
        email=normalized_email(email),
        category=category,
        gender=gender or Registration.Gender.NOT_SAID,
        language=language
        if language in Registration.Language.values
        else Registration.Language.ARABIC,
    )
    registration.full_clean(validate_constraints=False)
    active = Registration.objects.filter(meeting=meeting, cancelled_at__isnull=True)
    if active.filter(email=registration.email).exists():
        raise ValidationError(
            _("This e-mail address is already registered for this meeting."),
            code="already_registered",
        )
    if meeting.capacity is not None and active.count() >= meeting.capacity:
        raise ValidationError(_("This meeting is full: every seat is taken."), code="full")
    registration.save()  # post_save refreshes the cached pages (the seats left)
    if send_confirmation:
        member_mail_send(
            to=registration.email,
            template="meetings/email/registration_confirmed",
            language=registration.language,
            context={
                "meeting": meeting,
                "registration": registration,
                "cancel_link": registration_cancel_link(
                    registration=registration, site_url=site_url
                ),
            },
        )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> bool:
    """Cancel a registration and free its seat; True if it was active, False if it was
    cancelled already (a second click on the link changes nothing). Refused (`started`) once
    the meeting has started: attendance is being taken."""
    registration = (
        Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    )
    if registration.is_cancelled:
        return False
    if registration.meeting.has_started:
        raise ValidationError(
            _("The meeting has started: the registration can no longer be cancelled."),
            code="started",
        )
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at"])
    return True


@transaction.atomic
def registration_mark_present(*, registrations: QuerySet[Registration], present: bool) -> int:
    """Mark registrations as present (or not); cancelled ones are left alone. Returns how many
    changed. The published attendance changes only through
    meeting_attendance_from_registrations."""
    changed = (
        registrations.filter(cancelled_at__isnull=True)
        .exclude(present=present)
        .update(present=present)
    )
    if changed:
        transaction.on_commit(content_changed)  # one refresh for the lot (update sends no signal)
    return changed


@dataclass(frozen=True)
class RegisteredAttendance:
    rows: list[Attendance]
    gender_not_said: int  # present, counted in no row: they did not say woman or man


@transaction.atomic
def meeting_attendance_from_registrations(*, meeting: Meeting) -> RegisteredAttendance:
    """Replace the meeting's attendance with the counts of its registrations marked present,
    by category and gender.

    People who preferred not to say their gender are counted neither as women nor as men (the
    figures are statistics by gender); their number is returned, and the meeting's page shows
    it in a note under the table. Counts entered by hand for this meeting are replaced: add
    people who came without registering afterwards (by hand, in the back office).
    """
    present = Registration.objects.filter(
        meeting=meeting, cancelled_at__isnull=True, present=True
    ).values_list("category", "gender")
    tally = Counter(present)
    counts = {
        category: (
            tally[category, Registration.Gender.WOMAN],
            tally[category, Registration.Gender.MAN],
        )
        for category in Attendance.Category.values
    }
    rows = meeting_record_attendance(meeting=meeting, counts=counts)
    return RegisteredAttendance(
        rows=rows,
        gender_not_said=sum(
            number
            for (_category, gender), number in tally.items()
            if gender == Registration.Gender.NOT_SAID
        ),
    )
