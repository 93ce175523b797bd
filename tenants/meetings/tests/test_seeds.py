"""The demo: Tétouan's meetings of its story, upcoming ones with a capacity and a few Arabic
registrations, seeded once."""

import pytest
from django.core import mail
from django.utils import timezone

from tenants.meetings.models import Meeting, Registration
from tenants.meetings.seeds import meetings_seed_demo
from tenants.meetings.selectors import When, meeting_for_registration, meeting_list, meeting_seats

pytestmark = pytest.mark.usefixtures("in_tetouan")


def test_the_demo_is_seeded_once_with_registrations(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert meetings_seed_demo(today=timezone.localdate()) == 5
        assert meetings_seed_demo(today=timezone.localdate()) == 0
    assert Meeting.objects.count() == 5 and mail.outbox == []
    upcoming = list(meeting_list(when=When.UPCOMING))
    assert len(upcoming) == 2
    for meeting in upcoming:
        seats = meeting_seats(meeting_for_registration(pk=meeting.pk))
        assert seats.capacity and 0 < seats.taken < seats.capacity and seats.can_register
    assert Registration.objects.filter(name="فاطمة الزهراء العلمي").count() == 2
    study_day = Meeting.objects.get(title_ar__contains="المعهد الجمهوري الدولي")
    assert study_day.starts_at.date().isoformat() == "2023-05-11" and study_day.attendance.exists()
    assert not Registration.objects.filter(meeting__in=meeting_list(when=When.PAST)).exists()
