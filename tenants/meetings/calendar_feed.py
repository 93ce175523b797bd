"""A member's meetings in people's calendars: an iCalendar feed of all of them
(/meetings/calendar.ics, to subscribe to) and one file per meeting (/meetings/<pk>/calendar.ics,
to add it once).

Times are written in UTC (`DTSTART:20270310T090000Z`), not as local times with a VTIMEZONE.
Morocco's legal time is UTC+1 except during Ramadan, when it goes back to UTC+0 on dates set
each year: a VTIMEZONE's yearly rules cannot say that, and the calendar apps that read a TZID
(Outlook maps it to its own "Morocco Standard Time", Google and Apple to their tz database)
use their own idea of the zone rather than the file's. A UTC instant means the same moment in
every app, shown in the reader's own zone; X-WR-TIMEZONE tells the apps that honour it that
the calendar is Morocco's.

Titles and agendas in the visitor's language (the language switch's cookie, or `?lang=fr` for
the calendar apps that subscribe without it), the place as typed, the meeting's page as URL.
A meeting without an end is given DEFAULT_DURATION, as calendar apps show a zero-length event
poorly. A cancelled meeting stays in the feed with STATUS:CANCELLED, so that subscribed
calendars strike it rather than keep it (the model's `cancelled_at`, when it has one).
"""

from datetime import timedelta
from datetime import UTC

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from tenants.meetings.models import Meeting
from tenants.meetings.selectors import meeting_detail
from tenants.site.models import SiteProfile
from tenancy.addresses import current_member_site_url

DEFAULT_DURATION = timedelta(hours=2)
# The feed keeps a year of past meetings: enough for a calendar, not a member's whole archive.
PAST_DAYS = 365
PRODUCT_ID = "-//Infitah//Meetings//AR"


def _utc(moment):
    return moment.astimezone(UTC)


def meeting_is_cancelled(meeting: Meeting) -> bool:
    return bool(getattr(meeting, "cancelled_at", None))


def meeting_event(meeting: Meeting, *, page_url: str, host: str) -> Event:
    """One meeting as a VEVENT, in the active language."""
    event = Event()
    # Stable across languages and edits, unique across members (their hosts differ).
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", _utc(meeting.updated_at))
    event.add("last-modified", _utc(meeting.updated_at))
    # Calendar apps take a higher SEQUENCE as the newer version of the same event.
    event.add("sequence", int(meeting.updated_at.timestamp()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at or meeting.starts_at + DEFAULT_DURATION))
    title = str(meeting.title)
    event.add("summary", title)
    place = meeting.place or meeting.online_link
    if place:
        event.add("location", place)
    description = [str(meeting.get_kind_display())]
    if meeting.agenda:
        description.append(str(meeting.agenda))
    if meeting.online_link:
        description.append(meeting.online_link)
    description.append(page_url)
    event.add("description", "\n\n".join(description))
    event.add("url", page_url)
    event.add("status", "CANCELLED" if meeting_is_cancelled(meeting) else "CONFIRMED")
    return event


def meetings_calendar(meetings, *, name: str, base_url: str, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        page_url = base_url + reverse("meetings:detail", args=[meeting.pk])
        calendar.add_component(meeting_event(meeting, page_url=page_url, host=host))
    return calendar.to_ical()


def _language(request) -> str:
    asked = request.GET.get("lang")
    return asked if asked in dict(settings.LANGUAGES) else translation.get_language()


def _response(body: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def calendar_feed(request):
    """Every meeting of the member from a year ago on, to subscribe to."""
    since = timezone.now() - timedelta(days=PAST_DAYS)
    meetings = Meeting.objects.filter(starts_at__gte=since).order_by("starts_at", "pk")
    with translation.override(_language(request)):
        profile = SiteProfile.objects.first()
        name = (
            f"{profile.name if profile else ''} · {translation.gettext('Meetings and workshops')}"
        )
        body = meetings_calendar(
            meetings,
            name=name,
            base_url=current_member_site_url(request)[:-1],
            host=request.get_host().split(":")[0],
        )
    return _response(body, filename="meetings.ics", attachment=False)


def meeting_calendar(request, pk: int):
    """One meeting, to add to a calendar."""
    meeting = meeting_detail(pk=pk)
    if meeting is None:
        raise Http404
    with translation.override(_language(request)):
        body = meetings_calendar(
            [meeting],
            name=str(meeting.title),
            base_url=current_member_site_url(request)[:-1],
            host=request.get_host().split(":")[0],
        )
    return _response(body, filename=f"meeting-{meeting.pk}.ics", attachment=True)
