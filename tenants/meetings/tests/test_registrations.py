"""Registrations: seats, one per e-mail, only before the meeting, a confirmation with a cancel
link signed for this member, and the attendance counted from who came."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.meetings.models import Attendance, Registration
from tenants.meetings.selectors import (
    meeting_detail,
    meeting_for_registration,
    meeting_seats,
    registration_by_cancel_token,
)
from tenants.meetings.services import (
    meeting_attendance_from_registrations,
    meeting_record_attendance,
    meeting_update,
    registration_cancel,
    registration_create,
    registration_mark_present,
)
from tenants.meetings.tests.factories import meeting_in, registration_for, unique_email
from tenants.meetings.tokens import cancel_token_make

pytestmark = pytest.mark.usefixtures("in_tetouan")

Gender, Category = Registration.Gender, Attendance.Category
SITE = "http://tetouan.localhost"


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


def seats(meeting):
    return meeting_seats(meeting_for_registration(pk=meeting.pk))


def test_seats_are_counted_and_a_full_meeting_refuses_more():
    meeting = meeting_in(5, capacity=2)
    assert (seats(meeting).left, seats(meeting).can_register) == (2, True)
    registration_for(meeting)
    registration_for(meeting)
    assert (seats(meeting).left, seats(meeting).is_full) == (0, True)
    assert refused_code(lambda: registration_for(meeting)) == "full"
    assert meeting.registrations.count() == 2


def test_a_meeting_without_capacity_has_no_limit():
    meeting = meeting_in(5)
    for _ in range(5):
        registration_for(meeting)
    assert (seats(meeting).left, seats(meeting).is_full, seats(meeting).taken) == (None, False, 5)


def test_a_capacity_below_one_is_refused():
    with pytest.raises(ValidationError) as refused:
        meeting_in(5, capacity=0)
    assert "capacity" in refused.value.message_dict


@pytest.mark.parametrize("starts_in_days", [-3, -0.01])
def test_registration_closes_when_the_meeting_starts(starts_in_days):
    meeting = meeting_in(starts_in_days, ends_at=timezone.now() + timedelta(hours=3))
    assert refused_code(lambda: registration_for(meeting)) == "closed"
    assert not Registration.objects.exists()


def test_a_meeting_can_take_no_registration():
    meeting = meeting_in(5, takes_registrations=False)
    assert refused_code(lambda: registration_for(meeting)) == "closed"
    assert not seats(meeting).is_open


def test_one_registration_per_email_address_whatever_its_case():
    meeting = meeting_in(5)
    email = unique_email("Karim")
    first = registration_for(meeting, email=f"  {email.upper()} ")
    assert first.email == email.lower()
    assert refused_code(lambda: registration_for(meeting, email=email)) == "already_registered"
    assert meeting.registrations.count() == 1
    registration_for(meeting_in(6), email=email)  # another meeting is another registration


def test_a_cancelled_registration_frees_its_seat_and_one_may_register_again():
    meeting = meeting_in(5, capacity=1)
    email = unique_email()
    registration = registration_for(meeting, email=email)
    assert registration_cancel(registration=registration) is True
    assert registration_cancel(registration=registration) is False  # twice: nothing changes
    assert seats(meeting).left == 1
    again = registration_for(meeting, email=email)
    assert again.pk != registration.pk and seats(meeting).is_full


def test_a_registration_cannot_be_cancelled_once_the_meeting_started():
    meeting = meeting_in(5)
    registration = registration_for(meeting)
    meeting_update(meeting=meeting, starts_at=timezone.now() - timedelta(minutes=5))
    assert refused_code(lambda: registration_cancel(registration=registration)) == "started"
    assert not Registration.objects.get(pk=registration.pk).is_cancelled


@pytest.mark.parametrize(
    "name, stored",
    [
        ("<script>alert('x')</script>سناء الحراق", "سناء الحراق"),
        ('<img src=x onerror="alert(1)"><b>Yassine</b>   El Idrissi', "Yassine El Idrissi"),
    ],
)
def test_names_are_stored_as_plain_text(name, stored):
    assert registration_for(meeting_in(5), name=name).name == stored


def test_a_name_made_only_of_markup_is_refused():
    with pytest.raises(ValidationError) as refused:
        registration_for(meeting_in(5), name="<script>alert(1)</script>")
    assert "name" in refused.value.message_dict


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"email": "not-an-address"}, "email"),
        ({"category": "tourists"}, "category"),
        ({"gender": "other"}, "gender"),
    ],
)
def test_wrong_fields_are_refused(fields, field):
    with pytest.raises(ValidationError) as refused:
        registration_for(meeting_in(5), **fields)
    assert field in refused.value.message_dict


def test_the_confirmation_is_in_arabic_with_a_cancel_link(django_capture_on_commit_callbacks):
    meeting = meeting_in(5, title_ar="لقاء تواصلي حول الميزانية", place="دار الشباب")
    email = unique_email()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(
            meeting=meeting,
            name="خديجة الإدريسي",
            email=email,
            category=Category.STUDENTS,
            site_url=SITE + "/",
        )
    [message] = mail.outbox
    assert message.to == [email]
    assert "لقاء تواصلي حول الميزانية" in message.subject
    assert "خديجة الإدريسي" in message.body and "دار الشباب" in message.body
    token = message.body.split(f"{SITE}/meetings/registration/")[1].split("/cancel/")[0]
    assert registration_by_cancel_token(token=token) == registration


def test_the_confirmation_in_french_for_who_registered_in_french(
    django_capture_on_commit_callbacks,
):
    meeting = meeting_in(5, title_fr="Réunion d'information")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            meeting=meeting,
            name="Nadia",
            email=unique_email(),
            category=Category.MEDIA,
            language="fr",
            site_url=SITE,
        )
    assert "Réunion d'information" in mail.outbox[0].subject  # plain text: nothing escaped
    assert "/cancel/" in mail.outbox[0].body


def test_a_refused_registration_sends_nothing(django_capture_on_commit_callbacks):
    meeting = meeting_in(5, capacity=1)
    registration_for(meeting)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        registration_create(
            meeting=meeting, name="x", email=unique_email(), category=Category.MEDIA, site_url=SITE
        )
    assert mail.outbox == []


def test_a_confirmation_needs_the_site_for_its_link():
    with pytest.raises(TypeError):
        registration_create(
            meeting=meeting_in(5), name="x", email=unique_email(), category=Category.MEDIA
        )


def test_a_forged_or_damaged_cancel_link_names_nothing():
    registration = registration_for(meeting_in(5))
    token = cancel_token_make(registration)
    assert registration_by_cancel_token(token=token) == registration
    assert registration_by_cancel_token(token=token[:-2]) is None
    assert registration_by_cancel_token(token="MQ:forged") is None


def test_attendance_is_counted_from_who_came_by_category_and_gender():
    meeting = meeting_in(1)
    came = [
        registration_for(meeting, category=category, gender=gender)
        for category, gender in [
            (Category.CIVIL_SOCIETY, Gender.WOMAN),
            (Category.CIVIL_SOCIETY, Gender.WOMAN),
            (Category.CIVIL_SOCIETY, Gender.MAN),
            (Category.STUDENTS, Gender.MAN),
            (Category.STUDENTS, Gender.NOT_SAID),
        ]
    ]
    registration_for(meeting, category=Category.MEDIA)  # registered, did not come
    cancelled = registration_for(meeting, category=Category.COUNCIL)
    registration_cancel(registration=cancelled)
    marked = registration_mark_present(
        registrations=Registration.objects.filter(pk__in=[r.pk for r in came] + [cancelled.pk]),
        present=True,
    )
    assert marked == 5  # the cancelled one is left alone

    counted = meeting_attendance_from_registrations(meeting=meeting)
    rows = {row.category: (row.women, row.men) for row in meeting.attendance.all()}
    assert rows == {Category.CIVIL_SOCIETY: (2, 1), Category.STUDENTS: (0, 1)}
    assert counted.gender_not_said == 1
    assert meeting_detail(pk=meeting.pk).present_gender_not_said == 1


def test_counting_from_registrations_replaces_counts_entered_by_hand():
    meeting = meeting_in(1)
    meeting_record_attendance(meeting=meeting, counts={Category.MEDIA: (3, 4)})
    registration_mark_present(
        registrations=Registration.objects.filter(
            pk=registration_for(meeting, gender=Gender.MAN).pk
        ),
        present=True,
    )
    meeting_attendance_from_registrations(meeting=meeting)
    assert [(row.category, row.women, row.men) for row in meeting.attendance.all()] == [
        (Category.CIVIL_SOCIETY, 0, 1)
    ]
    registration_mark_present(registrations=meeting.registrations.all(), present=False)
    assert not meeting_attendance_from_registrations(meeting=meeting).rows
    assert not meeting.attendance.exists()


def test_seats_are_read_with_the_meeting_in_one_query(django_assert_num_queries):
    meeting = meeting_in(3, capacity=10)
    for _ in range(3):
        registration_for(meeting)
    with django_assert_num_queries(1):
        assert seats(meeting).left == 7
