"""Workspace pages of petitions (member schema): the list, those waiting for a decision first,
and a petition's own page where each step is taken through `petition_transition` (which
checks the way a petition may go, dates the step in the public history and writes to the
agent)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.petitions.models import OUTSIDE_REGION, State
from tenants.petitions.selectors import (
    member_law,
    next_ordinary_session,
    petition_detail,
    petition_staff_list,
    region_provinces,
    signature_list,
    signature_spread,
)
from tenants.petitions.services import petition_publish, petition_settings_get, petition_transition
from tenants.petitions.staff_forms import STEP_FORMS, STEPS_FROM
from tenants.petitions.web import site_url
from tenants.site.staff import actor
from tenants.site.personal_data import identity_read_record, identity_visible
from tenants.site.staff import staff_required

PER_PAGE = 25
PERM = "petitions.change_petition"
IDENTITY_FIELDS = ["agent_cin", "signatures: cin"]
WAITING = "waiting"

CONFIRMATIONS = {
    "publish": gettext_lazy("The petition is published: citizens can sign it."),
    "submit": gettext_lazy("The submission to the council is recorded."),
    "admissible": gettext_lazy("The petition is declared admissible. Its agent is told."),
    "refer": gettext_lazy("The petition is referred to the committee. Its agent is told."),
    "not_admissible": gettext_lazy(
        "The petition is declared not admissible, with the reasons. Its agent is told."
    ),
    "agenda": gettext_lazy(
        "The petition is on the agenda of the council session. Its agent is told."
    ),
    "decision": gettext_lazy(
        "The council's decision is recorded and published. Its agent is told."
    ),
}


@staff_required(PERM)
def petition_list(request):
    states = State.choices
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    page = Paginator(petition_staff_list(state=state or None), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "petitions/staff/list.html", {"page": page, "states": states, "state": state}
    )


def _allowed(petition) -> list[str]:
    """The steps the petition's state allows: publishing while not yet published, recording
    the submission (a petition handed in on paper) once published with enough signatures."""
    actions = []
    for action in STEPS_FROM[petition.state]:
        if action == "publish" and petition.is_published:
            continue
        if action == "submit" and not (petition.is_published and petition.threshold_reached):
            continue
        actions.append(action)
    return actions


def _forms(petition, bound) -> list:
    """The forms of the allowed steps, the bound one (with its errors) in its place."""
    forms = []
    for action in _allowed(petition):
        if bound is not None and bound.action == action:
            forms.append(bound)
            continue
        initial = {}
        if action == "agenda":
            settings = petition_settings_get()
            initial["session_date"] = next_ordinary_session(
                months=settings.session_months, after=timezone.localdate()
            )
        forms.append(STEP_FORMS[action](initial=initial))
    return forms


def _take_step(request, petition, form) -> bool:
    try:
        if form.action == "publish":
            petition_publish(petition=petition, site_url=site_url(request))
        else:
            petition_transition(
                petition=petition,
                to=form.to,
                by=actor(request),
                site_url=site_url(request),
                **form.transition_arguments(),
            )
    except ValidationError as error:
        form.add_service_error(error)
        return False
    return True


@staff_required(PERM)
def detail(request, pk: int):
    petition = petition_detail(pk=pk, published_only=False)
    if petition is None:
        raise Http404
    bound, status = None, 200
    if request.method == "POST":
        allowed = _allowed(petition)
        action = request.POST.get("action", "")
        if action not in allowed:
            messages.error(request, _("This step is not possible on this petition any more."))
            return redirect("staff:petitions:detail", pk=pk)
        bound = STEP_FORMS[action](request.POST)
        if bound.is_valid() and _take_step(request, petition, bound):
            messages.success(request, CONFIRMATIONS[action])
            return redirect("staff:petitions:detail", pk=pk)
        status = 400
    forms = _forms(petition, bound)
    settings = petition_settings_get()
    provinces = region_provinces()
    show_identity = identity_visible(request.user)
    signatures = []
    if show_identity:
        signatures = list(signature_list(petition=petition))
        names = {province.code: province.name for province in provinces}
        names[OUTSIDE_REGION] = _("Outside the region")
        for signature in signatures:
            signature.province_name = names.get(signature.province_code, "")
        identity_read_record(user=request.user, subject=petition, fields=IDENTITY_FIELDS)
    return render(
        request,
        "petitions/staff/detail.html",
        {
            "petition": petition,
            "forms": forms,
            "show_identity": show_identity,
            "signatures": signatures,
            "settings": settings,
            "today": timezone.localdate(),
            "spread": signature_spread(petition=petition, provinces=provinces),
            "by_province": bool(provinces),
            "next_session": next_ordinary_session(
                months=settings.session_months, after=timezone.localdate()
            ),
            "law": member_law(),
        },
        status=status,
    )
