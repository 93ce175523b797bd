"""The workspace's meeting pages (member schema): upcoming and past meetings (past ones missing
their attendance or minutes flagged), and each meeting's page where its attendance by category
and gender, its minutes and its photos are recorded, through the services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.meetings import services
from tenants.meetings.models import Meeting
from tenants.meetings.selectors import (
    When,
    attendance_rows,
    attendance_totals,
    meeting_detail,
    meeting_photo_get,
    meeting_present_counts,
    meeting_staff_list,
)
from tenants.meetings.staff_forms import AttendanceForm, MinutesForm, PhotoForm
from tenants.site.staff import run_form_service, staff_required

PERM = "meetings.change_meeting"
PER_PAGE = 20


@staff_required(PERM)
def meeting_list(request):
    upcoming = Paginator(meeting_staff_list(when=When.UPCOMING), PER_PAGE).get_page(
        request.GET.get("upcoming")
    )
    past = Paginator(meeting_staff_list(when=When.PAST), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/staff/list.html", {"upcoming": upcoming, "past": past})


def _existing(pk: int) -> Meeting:
    meeting = meeting_detail(pk=pk)
    if meeting is None:  # not this member's, or no such meeting: the same answer
        raise Http404
    return meeting


def _attendance_form(meeting: Meeting, data=None) -> tuple[AttendanceForm, str]:
    """The attendance form, prefilled with what is recorded, or else with the registrations
    marked present; and where the figures come from ("recorded", "registrations", "")."""
    recorded = {row.category: (row.women, row.men) for row in meeting.attendance.all()}
    if recorded:
        return AttendanceForm(data, counts=recorded), "recorded"
    present = meeting_present_counts(meeting=meeting)
    return AttendanceForm(data, counts=present), "registrations" if present else ""


def _page(
    request,
    meeting: Meeting,
    *,
    attendance_form=None,
    minutes_form=None,
    photo_form=None,
    status: int = 200,
):
    """The meeting's page; a form given bound (with its errors) replaces the blank one."""
    blank_attendance, source = _attendance_form(meeting)
    return render(
        request,
        "meetings/staff/detail.html",
        {
            "meeting": meeting,
            "attendance": attendance_rows(meeting),
            "totals": attendance_totals(meeting),
            "source": source,
            "photos": meeting.photos.all(),
            "attendance_form": attendance_form or blank_attendance,
            "minutes_form": minutes_form or MinutesForm(),
            "photo_form": photo_form or PhotoForm(),
        },
        status=status,
    )


@staff_required(PERM)
def meeting_page(request, pk: int):
    return _page(request, _existing(pk))


def _not_started(form, meeting: Meeting) -> bool:
    """Attendance, minutes and photos are for a meeting that has started: refuse them before."""
    if meeting.has_started:
        return False
    form.add_error(
        None,
        _(
            "This meeting has not started yet: record its attendance, minutes "
            "and photos once it has taken place."
        ),
    )
    return True


@require_POST
@staff_required(PERM)
def attendance_record(request, pk: int):
    meeting = _existing(pk)
    form, _source = _attendance_form(meeting, request.POST)
    if (
        not form.is_valid()
        or _not_started(form, meeting)
        or run_form_service(
            request,
            form,
            services.meeting_record_attendance,
            success=_("The attendance is recorded and published on the meeting's page."),
            meeting=meeting,
            counts=form.counts(),
        )
        is None
    ):
        return _page(request, meeting, attendance_form=form, status=400)
    return redirect("staff:meetings:detail", pk=meeting.pk)


@require_POST
@staff_required(PERM)
def minutes_upload(request, pk: int):
    meeting = _existing(pk)
    form = MinutesForm(request.POST, request.FILES)
    if (
        not form.is_valid()
        or _not_started(form, meeting)
        or run_form_service(
            request,
            form,
            services.meeting_update,
            success=_("The minutes are published on the meeting's page."),
            meeting=meeting,
            minutes=form.cleaned_data["minutes"],
        )
        is None
    ):
        return _page(request, _existing(pk), minutes_form=form, status=400)
    return redirect("staff:meetings:detail", pk=meeting.pk)


@require_POST
@staff_required(PERM)
def photo_add(request, pk: int):
    meeting = _existing(pk)
    form = PhotoForm(request.POST, request.FILES)
    if (
        not form.is_valid()
        or _not_started(form, meeting)
        or run_form_service(
            request,
            form,
            services.meeting_add_photo,
            success=_("The photo is published on the meeting's page."),
            meeting=meeting,
            image=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
        )
        is None
    ):
        return _page(request, meeting, photo_form=form, status=400)
    return redirect("staff:meetings:detail", pk=meeting.pk)


@staff_required(PERM)
def photo_delete(request, pk: int, photo_pk: int):
    """GET: the confirmation (what goes, and that it cannot be undone); POST: delete."""
    meeting = _existing(pk)
    photo = meeting_photo_get(meeting=meeting, pk=photo_pk)
    if photo is None:
        raise Http404
    if request.method == "POST":
        services.meeting_photo_delete(photo=photo)
        messages.success(request, _("The photo is deleted from the meeting's page."))
        return redirect("staff:meetings:detail", pk=meeting.pk)
    return render(request, "meetings/staff/photo_delete.html", {"meeting": meeting, "photo": photo})
