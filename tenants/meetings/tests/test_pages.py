"""The public pages: Arabic first, French on the switch, times of Casablanca, files once held."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.meetings.models import Attendance, Meeting
from tenants.meetings.services import meeting_add_photo, meeting_record_attendance
from tenants.meetings.tests.factories import meeting_in, pdf, png

Category = Attendance.Category
# 10 June 2025, 08:30 UTC: 09:30 in Casablanca (UTC+1 outside Ramadan).
HELD_AT = datetime(2025, 6, 10, 8, 30, tzinfo=UTC)


@pytest.fixture
def page(tetouan, client_for):
    """`page(path, language="ar")`: the text of one of Tétouan's pages."""

    def get(path: str, language: str = "ar") -> str:
        client = client_for(tetouan)
        if language != "ar":
            client.cookies["django_language"] = language
        response = client.get(path)
        assert response.status_code == 200
        return response.content.decode()

    return get


@pytest.fixture
def held(tetouan, in_member, media_root) -> Meeting:
    """A monitoring committee held in Tétouan, with attendance, minutes and two photos."""
    with in_member(tetouan):
        meeting = meeting_in(
            0,
            kind=Meeting.Kind.MONITORING_COMMITTEE,
            starts_at=HELD_AT,
            ends_at=HELD_AT + timedelta(hours=2),
            place="قصر البلدية",
            title_ar="لجنة التتبع",
            title_fr="Comité de suivi",
            agenda_ar="تقييم الالتزامات",
            agenda_fr="Évaluation des engagements",
            minutes=pdf(),
        )
        meeting_record_attendance(
            meeting=meeting, counts={Category.COUNCIL: (4, 11), Category.CIVIL_SOCIETY: (7, 5)}
        )
        meeting_add_photo(meeting=meeting, image=png(), caption="أعضاء اللجنة")
        meeting_add_photo(meeting=meeting, image=png())
    return meeting


def test_the_list_shows_upcoming_and_past_meetings_in_arabic(tetouan, in_member, page):
    with in_member(tetouan):
        meeting_in(
            3,
            title_ar="لقاء تواصلي",
            title_fr="Réunion d'information",
            kind=Meeting.Kind.INFORMATION,
        )
        meeting_in(-3, title_ar="دورة تكوينية", title_fr="Formation", kind=Meeting.Kind.TRAINING)
    text = page("/meetings/")
    assert '<html lang="ar" dir="rtl">' in text
    assert text.index("لقاء تواصلي") < text.index("دورة تكوينية")  # upcoming, then past
    assert "Réunion d'information" not in text and "Formation<" not in text


def test_the_list_in_french_and_by_kind(tetouan, in_member, page):
    with in_member(tetouan):
        meeting_in(3, title_fr="Réunion d'information", kind=Meeting.Kind.INFORMATION)
        meeting_in(4, title_fr="", title_ar="تكوين الأطر", kind=Meeting.Kind.TRAINING)
    text = page("/meetings/", "fr")
    assert '<html lang="fr" dir="ltr">' in text
    assert "Réunion d&#x27;information" in text
    assert 'lang="ar" dir="auto">تكوين الأطر' in text  # no French title: the Arabic one, marked
    only_training = page("/meetings/?kind=training", "fr")
    assert "تكوين الأطر" in only_training
    assert (
        "Réunion d&#x27;information</a></h3>" not in only_training
    )  # the kind filter still names it
    assert 'aria-current="page" href="?kind=training"' in only_training


def test_a_held_meeting_in_arabic(tetouan, held, page):
    text = page(f"/meetings/{held.pk}/")
    assert "لجنة التتبع" in text and "Comité de suivi" not in text
    assert "تقييم الالتزامات" in text and "قصر البلدية" in text
    assert 'datetime="2025-06-10T09:30:00+01:00"' in text and "9:30" in text
    assert "<caption>" in text and '<th scope="col">' in text and '<th scope="row">' in text
    assert ">15<" in text and ">12<" in text and ">27<" in text  # council, civil society, all
    assert f"/media/members/{tetouan.schema_name}/meetings/minutes/" in text
    assert text.count("/meetings/photos/") == 2 and "أعضاء اللجنة" in text


def test_a_held_meeting_in_french_at_casablanca_time(held, page):
    text = page(f"/meetings/{held.pk}/", "fr")
    assert "Comité de suivi" in text and "Évaluation des engagements" in text
    assert "10 juin 2025" in text and "09:30" in text and "08:30" not in text
    assert "11:30" in text  # the end, the same day


def test_an_upcoming_meeting_has_no_minutes_or_photos_yet(tetouan, in_member, page, media_root):
    with in_member(tetouan):
        meeting = meeting_in(5, online_link="https://meet.example.ma/atelier", minutes=pdf())
        meeting_add_photo(meeting=meeting, image=png())
    text = page(f"/meetings/{meeting.pk}/")
    assert 'href="https://meet.example.ma/atelier"' in text
    assert "/meetings/minutes/" not in text and "/meetings/photos/" not in text


def test_an_unknown_meeting_is_404(tetouan, client_for):
    assert client_for(tetouan).get("/meetings/987654/").status_code == 404


def test_the_home_page_still_shows_with_upcoming_meetings(tetouan, in_member, page):
    with in_member(tetouan):
        meeting_in(2)
    page("/")


def test_pages_read_in_a_constant_number_of_queries(tetouan, in_member, client_for):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_for(tetouan).get(path).status_code == 200
        return len(captured)

    with in_member(tetouan):
        meeting = meeting_in(-1)
        meeting_in(1)
    before = queries("/meetings/"), queries(f"/meetings/{meeting.pk}/")
    with in_member(tetouan):
        for days in (-5, -4, -3, 2, 3, 4):
            meeting_in(days)
        meeting_record_attendance(meeting=meeting, counts={c: (1, 1) for c in Category.values})
    assert (queries("/meetings/"), queries(f"/meetings/{meeting.pk}/")) == before


def test_changes_show_at_once_on_cached_pages(
    tetouan, in_member, page, django_capture_on_commit_callbacks, page_cache
):
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_in(-2)
    page("/meetings/"), page(f"/meetings/{meeting.pk}/")  # cached
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        meeting_in(2, title_ar="اجتماع إخباري جديد")
    assert "اجتماع إخباري جديد" in page("/meetings/")
    page(f"/meetings/{meeting.pk}/")  # cached again
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        meeting_record_attendance(meeting=meeting, counts={Category.SCHOOLS: (31, 29)})
    assert ">60<" in page(f"/meetings/{meeting.pk}/")
