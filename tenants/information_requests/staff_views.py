"""Workspace pages of information requests (member schema): the list by legal due date, and a
request's own page where each step is taken through the services (which validate, date the
step in the public history and write to the requester)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizens.working_days import working_days_between
from tenants.information_requests import services
from tenants.information_requests.models import OPEN_STATES, State, Step
from tenants.information_requests.selectors import (
    STAFF_FILTER_ALL, STAFF_FILTER_OPEN, STAFF_FILTER_OVERDUE, information_request_staff_detail,
    information_request_staff_queue)
from tenants.information_requests.staff_forms import ACTION_FORMS
from tenants.site.api_support import actor
from tenants.site.personal_data import identity_read_record, identity_visible
from tenants.site.staff import staff_required

PER_PAGE = 25
PERM = "information_requests.change_informationrequest"
IDENTITY_FIELDS = ["id_document", "id_number"]


def _filters() -> list[tuple[str, str]]:
    return [(STAFF_FILTER_OPEN, _("Open (by due date)")), (STAFF_FILTER_OVERDUE, _("Overdue")),
            *State.choices, (STAFF_FILTER_ALL, _("All requests"))]


@staff_required(PERM)
def request_list(request):
    filters = _filters()
    show = request.GET.get("show", STAFF_FILTER_OPEN)
    show = show if show in dict(filters) else STAFF_FILTER_OPEN
    today = timezone.localdate()
    page = Paginator(information_request_staff_queue(show=show, today=today),
                     PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "information_requests/staff/list.html", {
        "page": page, "filters": filters, "show": show, "today": today})


def _allowed_actions(information_request, today) -> list[str]:
    """The actions the request's state allows (services.ALLOWED_FROM), in the order a focal
    point weighs them; the public summary can always be set."""
    state = information_request.state
    actions = []
    if state in services.ALLOWED_FROM[Step.STARTED]:
        actions.append("start")
    if state in OPEN_STATES:
        actions += ["answer", "partly_answer", "refuse"]
    if (state in services.ALLOWED_FROM[Step.EXTENDED] and not information_request.is_extended
            and not information_request.is_urgent and not information_request.is_overdue(today)):
        actions.append("extend")
    actions.append("summary")
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
    data, by, site_url = form.cleaned_data, actor(request), request.build_absolute_uri("/")
    try:
        if form.action == "start":
            services.information_request_start(information_request=information_request, by=by,
                                               note=data["note"])
            return _("Processing has started: the step is in the request's history.")
        if form.action == "answer":
            services.information_request_answer(
                information_request=information_request, by=by, answer_text=data["answer_text"],
                answer_file=data["answer_file"], site_url=site_url)
            return _decision_message(
                information_request, _("The answer was sent to the requester by e-mail."),
                _("The answer was recorded. The requester gave no e-mail: send it by post."))
        if form.action == "partly_answer":
            # What is withheld and why goes with the answer, in the requester's language.
            with translation.override(information_request.language):
                heading = _("What is withheld, and why:")
            answer_text = f"{data['answer_text']}\n\n{heading}\n{data['reasons']}".strip()
            services.information_request_answer_partly(
                information_request=information_request, by=by, answer_text=answer_text,
                answer_file=data["answer_file"], refusal_ground=data["refusal_ground"],
                site_url=site_url)
            return _decision_message(
                information_request, _("The partial answer was sent to the requester by e-mail."),
                _("The partial answer was recorded. The requester gave no e-mail: send it by "
                  "post."))
        if form.action == "refuse":
            services.information_request_refuse(
                information_request=information_request, by=by,
                refusal_ground=data["refusal_ground"], explanation=data["explanation"],
                site_url=site_url)
            return _decision_message(
                information_request, _("The refusal was sent to the requester by e-mail, with "
                                       "the ways to complain."),
                _("The refusal was recorded. The requester gave no e-mail: send it by post."))
        if form.action == "extend":
            services.information_request_extend(information_request=information_request, by=by,
                                                reason=data["reason"], site_url=site_url)
            return _decision_message(
                information_request, _("The deadline was extended and the requester told by "
                                       "e-mail."),
                _("The deadline was extended. The requester gave no e-mail: tell them by post."))
        services.information_request_set_public_summary(
            information_request=information_request, by=by,
            public_summary=data["public_summary"])
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
        identity_read_record(user=request.user, subject=information_request,
                             fields=IDENTITY_FIELDS)
    return render(request, "information_requests/staff/detail.html", {
        "information_request": information_request, "forms": forms, "bound": bound,
        "show_identity": show_identity, "today": today,
        "days_left": _days_left(information_request, today),
        "overdue_days": (working_days_between(information_request.due_on, today)
                         if information_request.is_overdue(today) else 0),
    }, status=status)
