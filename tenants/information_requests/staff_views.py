"""Workspace pages of information requests (member schema): the list by legal due date, the
form that records a request received on paper, a request's own page where each step is taken
through the services (which validate, date the step in the public history and write to the
requester), its complaint to the head of the council, and the list of complaints to answer.
Scans of paper requests and complaints are the focal point's alone, each reading logged."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.working_days import working_days_between
from tenants.information_requests import services
from tenants.information_requests.models import OPEN_STATES, State, Step
from tenants.information_requests.selectors import (
    STAFF_FILTER_ALL,
    STAFF_FILTER_OPEN,
    STAFF_FILTER_OVERDUE,
    complaint_staff_list,
    information_request_staff_detail,
    information_request_staff_queue,
)
from tenants.information_requests.staff_forms import ACTION_FORMS, RecordRequestForm
from tenants.site.staff import actor
from tenants.site.personal_data import identity_read_record, identity_visible
from tenants.site.staff import staff_required
from tenancy.addresses import current_member_site_url

PER_PAGE = 25
PERM = "information_requests.change_informationrequest"
IDENTITY_FIELDS = ["id_document", "id_number"]


def _filters() -> list[tuple[str, str]]:
    return [
        (STAFF_FILTER_OPEN, _("Open (by due date)")),
        (STAFF_FILTER_OVERDUE, _("Overdue")),
        *State.choices,
        (STAFF_FILTER_ALL, _("All requests")),
    ]


@staff_required(PERM)
def request_list(request):
    filters = _filters()
    show = request.GET.get("show", STAFF_FILTER_OPEN)
    show = show if show in dict(filters) else STAFF_FILTER_OPEN
    today = timezone.localdate()
    page = Paginator(information_request_staff_queue(show=show, today=today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "information_requests/staff/list.html",
        {"page": page, "filters": filters, "show": show, "today": today},
    )


@staff_required(PERM)
def new(request):
    """Record a request received on paper at the desk, by post or by e-mail."""
    form = RecordRequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                information_request = services.information_request_record(
                    by=actor(request),
                    site_url=current_member_site_url(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _receipt_message(information_request))
                return redirect("staff:requests:detail", pk=information_request.pk)
        status = 400
    return render(request, "information_requests/staff/new.html", {"form": form}, status=status)


def _receipt_message(information_request) -> str:
    if information_request.email:
        return _(
            "The request %(reference)s was recorded and its receipt e-mailed to the requester."
        ) % {"reference": information_request.reference}
    return _(
        "The request %(reference)s was recorded. The requester gave no e-mail: send the "
        "receipt by post."
    ) % {"reference": information_request.reference}


def _complaint(information_request):
    return getattr(information_request, "complaint", None)


def _allowed_actions(information_request, today) -> list[str]:
    """The actions the request's state allows (services.ALLOWED_FROM), in the order a focal
    point weighs them; the public summary can always be set; a complaint once the law opens
    its window, and its answer while it waits."""
    state = information_request.state
    actions = []
    complaint = _complaint(information_request)
    if complaint is not None and complaint.is_open:
        actions.append("complaint_answer")
    if state in services.ALLOWED_FROM[Step.STARTED]:
        actions.append("start")
    if state in OPEN_STATES:
        actions += ["answer", "partly_answer", "refuse"]
    if (
        state in services.ALLOWED_FROM[Step.EXTENDED]
        and not information_request.is_extended
        and not information_request.is_overdue(today)
    ):
        actions.append("extend")
    actions.append("summary")
    if complaint is None and information_request.complaint_window is not None:
        actions.append("complaint")
    return actions


def _days_left(information_request, today) -> int | None:
    """Working days left before the due date (0 on the day itself), None once closed or
    overdue."""
    if not information_request.is_open or information_request.due_on < today:
        return None
    return working_days_between(today, information_request.due_on)


def _decision_message(information_request, sent: str, by_post: str) -> str:
    return sent if information_request.email else by_post


def _take_action(request, information_request, form):
    """Call the action's service; return the confirmation, or None when it refused (its error
    is then on the form)."""
    data, by, site_url = form.cleaned_data, actor(request), current_member_site_url(request)
    try:
        if form.action == "start":
            services.information_request_start(
                information_request=information_request, by=by, note=data["note"]
            )
            return _("Processing has started: the step is in the request's history.")
        if form.action == "answer":
            services.information_request_answer(
                information_request=information_request,
                by=by,
                answer_text=data["answer_text"],
                answer_file=data["answer_file"],
                site_url=site_url,
            )
            return _decision_message(
                information_request,
                _("The answer was sent to the requester by e-mail."),
                _("The answer was recorded. The requester gave no e-mail: send it by post."),
            )
        if form.action == "partly_answer":
            services.information_request_answer_partly(
                information_request=information_request,
                by=by,
                answer_text=data["answer_text"],
                answer_file=data["answer_file"],
                refusal_ground=data["refusal_ground"],
                reasons=data["reasons"],
                published_where=data["published_where"],
                site_url=site_url,
            )
            return _decision_message(
                information_request,
                _("The partial answer was sent to the requester by e-mail."),
                _(
                    "The partial answer was recorded. The requester gave no e-mail: send it by "
                    "post."
                ),
            )
        if form.action == "refuse":
            services.information_request_refuse(
                information_request=information_request,
                by=by,
                refusal_ground=data["refusal_ground"],
                reasons=data["reasons"],
                published_where=data["published_where"],
                site_url=site_url,
            )
            return _decision_message(
                information_request,
                _("The refusal was sent to the requester by e-mail, with the ways to complain."),
                _("The refusal was recorded. The requester gave no e-mail: send it by post."),
            )
        if form.action == "complaint":
            services.complaint_file(
                information_request=information_request,
                by=by,
                channel=data["channel"],
                received_on=data["received_on"],
                grievance=data["grievance"],
                scan=data["scan"],
                site_url=site_url,
            )
            return _(
                "The complaint was recorded; the head of the council's answer is due in "
                "the time shown."
            )
        if form.action == "complaint_answer":
            services.complaint_answer(
                complaint=information_request.complaint,
                by=by,
                outcome=data["outcome"],
                answer_text=data["answer_text"],
                site_url=site_url,
            )
            return _decision_message(
                information_request,
                _("The head's answer was sent to the requester by e-mail, with the next step."),
                _("The head's answer was recorded. The requester gave no e-mail: send it by post."),
            )
        if form.action == "extend":
            services.information_request_extend(
                information_request=information_request,
                by=by,
                reason=data["reason"],
                site_url=site_url,
            )
            return _decision_message(
                information_request,
                _("The deadline was extended and the requester told by e-mail."),
                _("The deadline was extended. The requester gave no e-mail: tell them by post."),
            )
        services.information_request_set_public_summary(
            information_request=information_request, by=by, public_summary=data["public_summary"]
        )
        return _("The summary for the public register was saved.")
    except ValidationError as error:
        form.add_service_error(error)
        return None


@staff_required(PERM)
def detail(request, pk: int):
    information_request = information_request_staff_detail(pk=pk)
    if information_request is None:
        raise Http404
    today = timezone.localdate()
    allowed = _allowed_actions(information_request, today)
    bound, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in allowed:
            messages.error(request, _("This action is not possible on this request any more."))
            return redirect("staff:requests:detail", pk=pk)
        bound = ACTION_FORMS[action](request.POST, request.FILES)
        if bound.is_valid():
            confirmation = _take_action(request, information_request, bound)
            if confirmation:
                messages.success(request, confirmation)
                return redirect("staff:requests:detail", pk=pk)
        status = 400
    forms = []
    for action in allowed:
        form_class = ACTION_FORMS[action]
        if bound is not None and bound.action == action:
            form = bound
        elif action == "summary":
            form = form_class(initial={"public_summary": information_request.public_summary})
        else:
            form = form_class()
        forms.append(form)
    show_identity = identity_visible(request.user)
    if show_identity:
        identity_read_record(user=request.user, subject=information_request, fields=IDENTITY_FIELDS)
    complaint = _complaint(information_request)
    return render(
        request,
        "information_requests/staff/detail.html",
        {
            "information_request": information_request,
            "forms": forms,
            "bound": bound,
            "show_identity": show_identity,
            "today": today,
            "complaint": complaint,
            "complaint_days_left": (
                working_days_between(today, complaint.due_on)
                if complaint and complaint.is_open and complaint.due_on >= today
                else None
            ),
            "days_left": _days_left(information_request, today),
            "overdue_days": (
                working_days_between(information_request.due_on, today)
                if information_request.is_overdue(today)
                else 0
            ),
        },
        status=status,
    )


def _scan_response(request, information_request, file_field, label: str):
    """A scan, to the focal point only (it carries the requester's identity), each reading
    logged; never kept by a browser or a shared cache."""
    if not identity_visible(request.user):
        raise PermissionDenied
    if not file_field:
        raise Http404
    identity_read_record(user=request.user, subject=information_request, fields=[label])
    response = FileResponse(
        file_field.open("rb"), as_attachment=False, filename=file_field.name.rsplit("/", 1)[-1]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@staff_required(PERM)
def scan(request, pk: int):
    information_request = information_request_staff_detail(pk=pk)
    if information_request is None:
        raise Http404
    return _scan_response(request, information_request, information_request.scan, "scan")


@staff_required(PERM)
def complaint_scan(request, pk: int):
    information_request = information_request_staff_detail(pk=pk)
    complaint = information_request and _complaint(information_request)
    if complaint is None:
        raise Http404
    return _scan_response(request, information_request, complaint.scan, "complaint scan")


@staff_required(PERM)
def complaints(request):
    """Complaints to the head of the council: the open ones by due date, or all."""
    show_all = request.GET.get("show") == "all"
    page = Paginator(complaint_staff_list(show_all=show_all), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "information_requests/staff/complaints.html",
        {"page": page, "show_all": show_all, "today": timezone.localdate()},
    )
