"""The public pages of a member's surveys (thin: parse, call, render).

The list and the public results are cached; a survey's page carries the answer form (a CSRF
token) and the confirmation page writes to the visitor's session, so they are not.

An address this browser confirmed by a consultation's link (remembered in its session on this
member's host, tenants/consultations/views.py) answers a survey without a new link: one way
to confirm an address, whichever feature asked first.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from citizens.limits import LimitedWrite
from tenants.consultations.views import VERIFIED_EMAIL
from kernel.page_cache import cache_public_page
from tenants.surveys.exports import survey_csv_response
from tenants.surveys.forms import AnswerForm
from tenants.surveys.models import Survey
from tenants.surveys.selectors import (
    survey_public_detail,
    survey_public_list,
    survey_public_results,
    survey_results,
)
from tenants.surveys.services import (
    not_open_message,
    response_confirm,
    response_submit,
)
from tenants.surveys.tokens import LinkRefused, verification_hours
from tenancy.addresses import current_member_site_url

LIST_ORDER = (Survey.State.OPEN, Survey.State.UPCOMING, Survey.State.CLOSED)
RESPONSE_LIMIT = LimitedWrite("surveys:response")


@cache_public_page
def index(request):
    """Open surveys first, then upcoming ones, then closed ones with published results."""
    surveys = list(survey_public_list())
    groups = [
        (state, Survey.State(state).label, [survey for survey in surveys if survey.state == state])
        for state in LIST_ORDER
    ]
    return render(request, "surveys/list.html", {"groups": groups, "any": bool(surveys)})


def _published(pk: int) -> Survey:
    survey = survey_public_detail(pk=pk)
    if survey is None:  # a draft, another member's, or none: the same answer
        raise Http404
    return survey


def _page(request, survey: Survey, form: AnswerForm | None, status: int = 200):
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "form": form,
            "not_open": None if survey.is_open else not_open_message(survey),
        },
        status=status,
    )


@never_cache  # the form's CSRF token, and the visitor's confirmed address when there is one
def survey_page(request, pk: int):
    """The survey on one page; POST sends the answers (all of them, or none on an error)."""
    survey = _published(pk)
    verified = request.session.get(VERIFIED_EMAIL)
    if request.method != "POST":
        form = AnswerForm(survey=survey, initial_email=verified or "") if survey.is_open else None
        return _page(request, survey, form)
    if not survey.is_open:  # not yet, or no longer: the page says so, nothing is stored
        return _page(request, survey, None, status=403)
    form = AnswerForm(request.POST, survey=survey)
    if not form.is_valid():
        return _page(request, survey, form, status=400)
    email = form.cleaned_data.get("email") or ""
    if RESPONSE_LIMIT.reached(request, email=email):
        form.add_error(None, RESPONSE_LIMIT.refusal)
        return _page(request, survey, form, status=429)
    try:
        response = response_submit(
            survey=survey,
            answers=form.answers(),
            email=email,
            verified_email=verified,
            language=get_language(),
            site_url=current_member_site_url(request),
        )
    except ValidationError as error:
        form.add_service_error(error)
        return _page(request, survey, form, status=400)
    if response.status == response.Status.PENDING:
        messages.info(
            request,
            _(
                "Thank you. Check your e-mail: your answers will be counted "
                "once you follow the link we sent you (within %(hours)s "
                "hours)."
            )
            % {"hours": verification_hours()},
        )
    else:
        messages.success(request, _("Thank you: your answers are recorded."))
    return redirect("surveys:thanks", pk=survey.pk)


@never_cache
def thanks(request, pk: int):
    """Where a person lands after answering: the confirmation at the top."""
    return render(request, "surveys/thanks.html", {"survey": _published(pk)})


@never_cache
def confirm(request, token: str):
    """Where the e-mailed link leads: the response counts. (The address is not remembered:
    the survey keeps only its digest.)"""
    try:
        response = response_confirm(token=token)
    except LinkRefused as refused:
        page = render(request, "surveys/confirm.html", {"refused": refused.reason}, status=400)
    else:
        page = render(request, "surveys/confirm.html", {"survey": response.survey})
    page["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return page


def _public_results(pk: int) -> Survey:
    survey = survey_public_results(pk=pk)
    if survey is None:
        raise Http404
    return survey


@cache_public_page
def results(request, pk: int):
    survey = _public_results(pk)
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "results": survey_results(survey=survey)},
    )


def export(request, pk: int):
    return survey_csv_response(survey=_public_results(pk))
