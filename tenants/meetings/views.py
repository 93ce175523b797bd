"""The public pages of a member's meetings (thin: parse, call a selector or a service, render).

The list and a meeting's page are cached for anonymous visitors; the registration form and
the cancel page carry a CSRF token (and the cancel page a personal link), so they are never
cached.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from citizens.limits import LimitedWrite
from tenants.meetings.forms import RegistrationForm
from tenants.meetings.models import Meeting
from tenants.meetings.selectors import (
    When,
    attendance_rows,
    attendance_totals,
    meeting_detail,
    meeting_for_registration,
    meeting_list,
    meeting_seats,
    registration_by_cancel_token,
)
from tenants.meetings.services import registration_cancel, registration_create
from kernel.page_cache import cache_public_page
from tenancy.addresses import current_member_site_url

PAST_PER_PAGE = 20
REGISTRATION_LIMIT = LimitedWrite("meetings:registration")


@cache_public_page
def meeting_index(request):
    """Upcoming meetings (on the first page) and past ones, page by page, of one kind or all."""
    kind = request.GET.get("kind")
    kind = kind if kind in Meeting.Kind.values else None
    pages = Paginator(meeting_list(kind=kind, when=When.PAST), PAST_PER_PAGE)
    past = pages.get_page(request.GET.get("page"))
    upcoming = meeting_list(kind=kind, when=When.UPCOMING) if past.number == 1 else None
    return render(
        request,
        "meetings/list.html",
        {"kind": kind, "kinds": Meeting.Kind.choices, "upcoming": upcoming, "past": past},
    )


@cache_public_page
def meeting_page(request, pk: int):
    meeting = meeting_detail(pk=pk)
    if meeting is None:
        raise Http404
    # Seats left stay right in the cache: every registration saved drops the member's pages.
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "attendance": attendance_rows(meeting),
            "totals": attendance_totals(meeting),
            "seats": meeting_seats(meeting),
        },
    )


def _existing_for_registration(pk: int) -> Meeting:
    meeting = meeting_for_registration(pk=pk)
    if meeting is None:
        raise Http404
    return meeting


@never_cache
def meeting_register(request, pk: int):
    """The registration form of an upcoming meeting (or why it takes no registration)."""
    meeting = _existing_for_registration(pk)
    seats = meeting_seats(meeting)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    status = 200
    if seats.can_register and form.is_valid():
        if REGISTRATION_LIMIT.reached(request, email=form.cleaned_data["email"]):
            form.add_error(None, REGISTRATION_LIMIT.refusal)
            status = 429
        else:
            try:
                registration_create(
                    meeting=meeting,
                    **form.registration_fields(),
                    language=get_language(),
                    site_url=current_member_site_url(request),
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                return redirect("meetings:registered", pk=meeting.pk)
    return render(
        request,
        "meetings/register.html",
        {"meeting": meeting, "seats": seats, "form": form},
        status=status,
    )


def meeting_registered(request, pk: int):
    """Where the form leads once the registration is taken (no personal data)."""
    return render(request, "meetings/registered.html", {"meeting": _existing_for_registration(pk)})


@never_cache
def registration_cancel_page(request, token: str):
    """The cancel link of a confirmation: a page to confirm, then the registration is
    cancelled. A second visit says it is cancelled already."""
    registration = registration_by_cancel_token(token=token)
    if registration is None:
        response = render(request, "meetings/cancel.html", {"invalid": True}, status=404)
    else:
        context = {"meeting": registration.meeting, "cancelled": registration.is_cancelled}
        if request.method == "POST" and not registration.is_cancelled:
            try:
                context["cancelled"] = registration_cancel(registration=registration)
            except ValidationError as refused:
                context["refused"] = refused.messages
        response = render(request, "meetings/cancel.html", context)
    # The link is personal: never hand it to another site in a Referer header.
    response["Referrer-Policy"] = "no-referrer"
    return response
