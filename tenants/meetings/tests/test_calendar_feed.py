"""Meetings in people's calendars: the feed and one file per meeting, read back with icalendar."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tenants.meetings.calendar_feed import meeting_event
from tenants.meetings.models import Meeting
from tenants.meetings.services import meeting_create

CASABLANCA = ZoneInfo("Africa/Casablanca")


def _events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def _meeting(**fields) -> Meeting:
    values = {
        "kind": Meeting.Kind.COCREATION_WORKSHOP,
        "title_ar": "ورشة الإعداد المشترك",
        "title_fr": "Atelier de co-construction",
        "place": "قصر البلدية، تطوان",
        "starts_at": timezone.now() + timedelta(days=10),
    }
    return meeting_create(**{**values, **fields})


def test_the_feed_lists_the_meetings_in_arabic_at_casablanca_times(tetouan, in_member, client_for):
    # 10:00 in Tétouan: UTC+1 in March 2027, UTC+0 during Ramadan (February 2027).
    march = datetime(2027, 3, 16, 10, 0, tzinfo=CASABLANCA)
    ramadan = datetime(2027, 2, 20, 10, 0, tzinfo=CASABLANCA)
    with in_member(tetouan):
        workshop = _meeting(starts_at=march, ends_at=march + timedelta(hours=3))
        _meeting(
            kind=Meeting.Kind.INFORMATION,
            title_ar="لقاء تواصلي",
            title_fr="",
            place="",
            starts_at=ramadan,
        )
    events = _events(client_for(tetouan).get("/meetings/calendar.ics"))
    by_title = {str(event["SUMMARY"]): event for event in events}
    assert set(by_title) >= {"ورشة الإعداد المشترك", "لقاء تواصلي"}
    event = by_title["ورشة الإعداد المشترك"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.utcoffset() == timedelta(0)  # written in UTC
    assert start.astimezone(CASABLANCA).replace(tzinfo=None) == datetime(2027, 3, 16, 10, 0)
    assert start == march and end == march + timedelta(hours=3)
    assert start.hour == 9  # UTC+1 outside Ramadan
    ramadan_start = by_title["لقاء تواصلي"].decoded("DTSTART")
    assert ramadan_start.astimezone(CASABLANCA).hour == 10 and ramadan_start.hour == 10
    assert str(event["LOCATION"]) == "قصر البلدية، تطوان"
    assert str(event["URL"]).endswith(f"/meetings/{workshop.pk}/")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["UID"]).startswith(f"meeting-{workshop.pk}@")


def test_french_for_a_french_visitor_or_a_subscription_asking_for_it(
    tetouan, in_member, client_for, settings
):
    with in_member(tetouan):
        _meeting()
    for response in (
        client_for(tetouan).get("/meetings/calendar.ics?lang=fr"),
        _french_browser(client_for(tetouan), settings).get("/meetings/calendar.ics"),
    ):
        titles = [str(event["SUMMARY"]) for event in _events(response)]
        assert titles == ["Atelier de co-construction"]


def _french_browser(browser, settings):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return browser


def test_one_meeting_to_add_to_a_calendar(tetouan, in_member, client_for):
    with in_member(tetouan):
        meeting = _meeting(agenda_ar="تقديم مشروع البرنامج")
        other = _meeting(title_ar="اجتماع آخر")
    response = client_for(tetouan).get(f"/meetings/{meeting.pk}/calendar.ics")
    assert response["Content-Disposition"].startswith("attachment")
    (event,) = _events(response)
    assert str(event["SUMMARY"]) == "ورشة الإعداد المشترك"
    assert "تقديم مشروع البرنامج" in str(event["DESCRIPTION"])
    # Without an end, the default duration.
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    assert f"meeting-{other.pk}@" not in response.content.decode()
    assert client_for(tetouan).get("/meetings/999999/calendar.ics").status_code == 404


def test_a_cancelled_meeting_is_marked_cancelled(tetouan, in_member):
    with in_member(tetouan):
        meeting = _meeting()
        meeting.cancelled_at = timezone.now()  # the model's cancellation, when it has one
        event = meeting_event(
            meeting, page_url="https://tetouan.example/meetings/1/", host="tetouan.example"
        )
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_pages_link_to_the_calendars(tetouan, in_member, client_for):
    with in_member(tetouan):
        meeting = _meeting()
    browser = client_for(tetouan)
    assert 'href="/meetings/calendar.ics"' in browser.get("/meetings/").content.decode()
    page = browser.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'href="/meetings/{meeting.pk}/calendar.ics"' in page
    assert "أضيفوا هذا الاجتماع إلى تقويمكم" in page


def test_a_members_meetings_are_not_in_another_members_calendar(
    tetouan, tanger, in_member, client_for
):
    with in_member(tetouan):
        meeting = _meeting(title_ar="ورشة خاصة بتطوان")
    feed = client_for(tanger).get("/meetings/calendar.ics")
    assert "ورشة خاصة بتطوان" not in feed.content.decode()
    assert client_for(tanger).get(f"/meetings/{meeting.pk}/calendar.ics").status_code == 404


@pytest.mark.parametrize("value", ["de", "../../etc", ""])
def test_an_unknown_language_gives_the_visitors_own(tetouan, in_member, client_for, value):
    with in_member(tetouan):
        _meeting()
    titles = [
        str(e["SUMMARY"])
        for e in _events(client_for(tetouan).get(f"/meetings/calendar.ics?lang={value}"))
    ]
    assert titles == ["ورشة الإعداد المشترك"]
