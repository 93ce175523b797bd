"""Workspace pages of surveys (member schema): the list, a survey's page where its questions
are built and its period set, its results and their CSV export; every write through
tenants/surveys/services.py."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.site.staff import run_form_service, staff_required
from tenants.surveys import services
from tenants.surveys.exports import survey_csv_response
from tenants.surveys.models import Question, Survey
from tenants.surveys.selectors import survey_results, survey_staff_detail, survey_staff_list
from tenants.surveys.staff_forms import PeriodForm, QuestionForm, SurveyForm

BUILD = "surveys.change_survey"
READ = "surveys.view_survey"
DEFAULT_DAYS_OPEN = 14


def _existing(pk: int) -> Survey:
    survey = survey_staff_detail(pk=pk)
    if survey is None:  # not this member's, or no such survey: the same answer
        raise Http404
    return survey


def survey_url(survey: Survey) -> str:
    return reverse("staff:surveys:detail", args=[survey.pk])


def _question(survey: Survey, question_pk: int) -> Question:
    question = next((item for item in survey.questions.all() if item.pk == question_pk), None)
    if question is None:
        raise Http404
    return question


@staff_required(BUILD)
def survey_list(request):
    return render(request, "surveys/staff/list.html", {"surveys": survey_staff_list()})


def _survey_form_page(request, form, survey=None, status=200):
    return render(
        request, "surveys/staff/survey_form.html", {"form": form, "survey": survey}, status=status
    )


@staff_required(BUILD)
def survey_new(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            created = run_form_service(
                request,
                form,
                services.survey_create,
                success=_("The survey is created as a draft. Add its questions, then open it."),
                **form.values(),
            )
            if created is not None:
                return redirect("staff:surveys:detail", pk=created.pk)
        return _survey_form_page(request, form, status=400)
    return _survey_form_page(request, form)


@staff_required(BUILD)
def survey_edit(request, pk: int):
    survey = _existing(pk)
    form = SurveyForm(request.POST or None, instance=_existing(pk))
    if request.method == "POST":
        if form.is_valid():
            saved = run_form_service(
                request,
                form,
                services.survey_update,
                survey=survey,
                success=_("The survey was saved."),
                **form.values(),
            )
            if saved is not None:
                return redirect("staff:surveys:detail", pk=pk)
        return _survey_form_page(request, form, survey, status=400)
    return _survey_form_page(request, form, survey)


def _period_form(survey: Survey, data=None) -> PeriodForm:
    now = timezone.localtime().replace(second=0, microsecond=0)
    opens_at = timezone.localtime(survey.opens_at) if survey.opens_at else now
    closes_at = (
        timezone.localtime(survey.closes_at)
        if survey.closes_at
        else now + timedelta(days=DEFAULT_DAYS_OPEN)
    )
    return PeriodForm(data, initial={"opens_at": opens_at, "closes_at": closes_at}, prefix="period")


def _page(request, survey: Survey, *, question_form=None, period_form=None, status=200):
    return render(
        request,
        "surveys/staff/detail.html",
        {
            "survey": survey,
            "questions": survey.questions.all(),
            "question_form": question_form or QuestionForm(prefix="question"),
            "period_form": period_form or _period_form(survey),
            "answered": survey.response_count > 0,
        },
        status=status,
    )


@staff_required(BUILD)
def survey_page(request, pk: int):
    return _page(request, _existing(pk))


@require_POST
@staff_required(BUILD)
def question_add(request, pk: int):
    survey = _existing(pk)
    form = QuestionForm(request.POST, prefix="question")
    if (
        not form.is_valid()
        or run_form_service(
            request,
            form,
            services.question_create,
            survey=survey,
            success=_("The question is added."),
            **form.values(),
        )
        is None
    ):
        return _page(request, survey, question_form=form, status=400)
    return redirect(f"{survey_url(survey)}#questions")


@staff_required(BUILD)
def question_edit(request, pk: int, question_pk: int):
    survey = _existing(pk)
    question = _question(survey, question_pk)
    form = QuestionForm.for_question(question, request.POST or None)
    if request.method == "POST":
        if (
            form.is_valid()
            and run_form_service(
                request,
                form,
                services.question_update,
                question=question,
                success=_("The question was saved."),
                **form.values(),
            )
            is not None
        ):
            return redirect(f"{survey_url(survey)}#question-{question.pk}")
        status = 400
    else:
        status = 200
    return render(
        request,
        "surveys/staff/question_form.html",
        {"survey": survey, "question": question, "form": form},
        status=status,
    )


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_POST
@staff_required(BUILD)
def question_move(request, pk: int, question_pk: int):
    survey = _existing(pk)
    question = _question(survey, question_pk)
    services.question_move(question=question, up=request.POST.get("direction") == "up")
    messages.success(request, _("The order of the questions was saved."))
    return redirect(f"{survey_url(survey)}#question-{question.pk}")


@require_POST
@staff_required(BUILD)
def question_delete(request, pk: int, question_pk: int):
    survey = _existing(pk)
    try:
        services.question_delete(question=_question(survey, question_pk))
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The question was deleted."))
    return redirect(f"{survey_url(survey)}#questions")


@require_POST
@staff_required(BUILD)
def survey_open(request, pk: int):
    survey = _existing(pk)
    form = _period_form(survey, request.POST)
    if (
        not form.is_valid()
        or run_form_service(
            request,
            form,
            services.survey_open,
            survey=survey,
            success=_("The survey is published for the period set."),
            **form.cleaned_data,
        )
        is None
    ):
        return _page(request, survey, period_form=form, status=400)
    return redirect("staff:surveys:detail", pk=pk)


@require_POST
@staff_required(BUILD)
def survey_close(request, pk: int):
    survey = _existing(pk)
    try:
        services.survey_close(survey=survey)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The survey is closed: it takes no more answers."))
    return redirect("staff:surveys:detail", pk=pk)


@staff_required(READ)
def results(request, pk: int):
    survey = _existing(pk)
    return render(
        request,
        "surveys/staff/results.html",
        {"survey": survey, "results": survey_results(survey=survey)},
    )


@staff_required(READ)
def export(request, pk: int):
    return survey_csv_response(survey=_existing(pk))
