"""The public pages of a member's meetings (thin: parse, call a selector, render)."""
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from tenants.meetings.models import Meeting
from tenants.meetings.selectors import (When, attendance_rows, attendance_totals, meeting_detail,
                                        meeting_list)
from tenants.site.page_cache import cache_public_page

PAST_PER_PAGE = 20


@cache_public_page
def meeting_index(request):
    """Upcoming meetings (on the first page) and past ones, page by page, of one kind or all."""
    kind = request.GET.get("kind")
    kind = kind if kind in Meeting.Kind.values else None
    pages = Paginator(meeting_list(kind=kind, when=When.PAST), PAST_PER_PAGE)
    past = pages.get_page(request.GET.get("page"))
    upcoming = meeting_list(kind=kind, when=When.UPCOMING) if past.number == 1 else None
    return render(request, "meetings/list.html",
                  {"kind": kind, "kinds": Meeting.Kind.choices, "upcoming": upcoming, "past": past})


@cache_public_page
def meeting_page(request, pk: int):
    meeting = meeting_detail(pk=pk)
    if meeting is None:
        raise Http404
    return render(request, "meetings/detail.html",
                  {"meeting": meeting, "attendance": attendance_rows(meeting),
                   "totals": attendance_totals(meeting)})
