"""Reads of surveys (the current member's schema), each in a constant number of queries.

Results count confirmed responses only (a response waiting for its e-mail confirmation is not
counted). A question's share is of the people who answered it: a multiple choice's shares add
up to more than 100 %.
"""

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from kernel.bilingual import Localized
from tenants.surveys.models import SCALE_MAX, SCALE_MIN, Answer, Choice, Question, Response, Survey

# Free answers listed per question on the results pages (all of them are in the CSV export).
TEXTS_SHOWN = 200


def _with_questions(surveys: QuerySet[Survey]) -> QuerySet[Survey]:
    return surveys.prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("position", "pk").prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
            ),
        )
    )


def _counted(surveys: QuerySet[Survey]) -> QuerySet[Survey]:
    return surveys.annotate(
        response_count=Count("responses", filter=Q(responses__status=Response.Status.CONFIRMED))
    )


def survey_staff_list() -> QuerySet[Survey]:
    """Every survey, drafts included, newest first, with its counted responses and its
    meeting (two queries)."""
    return _counted(Survey.objects.select_related("meeting")).order_by("-created_at", "-pk")


def survey_staff_detail(*, pk: int) -> Survey | None:
    """One survey with its questions, their choices and its counted responses, or None."""
    return _with_questions(_counted(Survey.objects.select_related("meeting"))).filter(pk=pk).first()


def survey_public_list() -> QuerySet[Survey]:
    """The surveys people can read, latest opened first: open and upcoming ones, and closed
    ones whose results are published; never drafts (the page groups them by state)."""
    now = timezone.now()
    published = Survey.objects.filter(opens_at__isnull=False)
    return published.filter(Q(closes_at__gt=now) | Q(results_public=True)).order_by(
        "-opens_at", "-pk"
    )


def survey_public_detail(*, pk: int) -> Survey | None:
    """A published survey (upcoming, open or closed) with its questions and choices."""
    return _with_questions(Survey.objects.filter(opens_at__isnull=False)).filter(pk=pk).first()


def survey_public_results(*, pk: int) -> Survey | None:
    """A published survey whose results are public, with its questions, or None."""
    return (
        _with_questions(Survey.objects.filter(opens_at__isnull=False, results_public=True))
        .filter(pk=pk)
        .first()
    )


def meeting_surveys(*, meeting_id: int) -> QuerySet[Survey]:
    """The surveys evaluating a meeting that its public page links to: open ones, and closed
    ones with public results."""
    now = timezone.now()
    return (
        Survey.objects.filter(meeting_id=meeting_id, opens_at__lte=now)
        .filter(Q(closes_at__gt=now) | Q(results_public=True))
        .order_by("opens_at", "pk")
    )


# Results ----------------------------------------------------------------------------------


@dataclass
class Share:
    label: Localized | str
    count: int
    percent: float  # of the people who answered the question


@dataclass
class QuestionResults:
    question: Question
    answered: int = 0
    shares: list[Share] = field(default_factory=list)
    average: float | None = None  # a scale's mean point
    texts: list[str] = field(default_factory=list)
    more_texts: int = 0  # free answers beyond TEXTS_SHOWN (in the CSV)

    @property
    def chart(self) -> dict:
        """The figures for Chart.js (tenants/surveys/static/surveys/results.js)."""
        return {
            "labels": [str(share.label) for share in self.shares],
            "data": [share.count for share in self.shares],
        }


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    questions: list[QuestionResults]


def _percent(count: int, of: int) -> float:
    return round(100 * count / of, 1) if of else 0.0


def survey_results(*, survey: Survey) -> SurveyResults:
    """Per question: how many answered, the counts and shares of each choice or point of the
    scale, the scale's mean, the free answers (the latest TEXTS_SHOWN). Five queries, however
    many answers; `survey` comes with its questions (survey_*_detail / survey_public_results)."""
    counted = Answer.objects.filter(
        response__survey=survey, response__status=Response.Status.CONFIRMED
    )
    respondents = Response.objects.filter(survey=survey, status=Response.Status.CONFIRMED).count()
    answered = dict(
        counted.values("question")
        .annotate(n=Count("response", distinct=True))
        .values_list("question", "n")
    )
    by_choice = dict(
        counted.filter(choice__isnull=False)
        .values("choice")
        .annotate(n=Count("pk"))
        .values_list("choice", "n")
    )
    by_point = defaultdict(
        int,
        {
            (question, value): n
            for question, value, n in (
                counted.filter(value__isnull=False)
                .values("question", "value")
                .annotate(n=Count("pk"))
                .values_list("question", "value", "n")
            )
        },
    )
    latest_texts = (
        counted.exclude(text="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("question")],
                order_by=[F("response__submitted_at").desc(), F("pk").desc()],
            )
        )
        .values_list("question", "text", "rank")
    )
    texts = defaultdict(list)
    text_counts = defaultdict(int)
    for question_id, text, rank in latest_texts.filter(rank__lte=TEXTS_SHOWN + 1):
        if rank <= TEXTS_SHOWN:
            texts[question_id].append(text)
        text_counts[question_id] += 1
    results = []
    for question in survey.questions.all():
        item = QuestionResults(question=question, answered=answered.get(question.pk, 0))
        if question.has_choices:
            item.shares = [
                Share(
                    choice.text,
                    by_choice.get(choice.pk, 0),
                    _percent(by_choice.get(choice.pk, 0), item.answered),
                )
                for choice in question.choices.all()
            ]
        elif question.is_scale:
            points = range(SCALE_MIN, SCALE_MAX + 1)
            item.shares = [
                Share(
                    _point_label(question, point),
                    by_point[question.pk, point],
                    _percent(by_point[question.pk, point], item.answered),
                )
                for point in points
            ]
            total = sum(by_point[question.pk, point] * point for point in points)
            item.average = round(total / item.answered, 2) if item.answered else None
        else:
            item.texts = texts[question.pk]
            if text_counts[question.pk] > TEXTS_SHOWN:
                item.more_texts = item.answered - TEXTS_SHOWN
        results.append(item)
    return SurveyResults(survey=survey, respondents=respondents, questions=results)


def _point_label(question: Question, point: int) -> str:
    end = {SCALE_MIN: question.scale_min_label, SCALE_MAX: question.scale_max_label}.get(point)
    return f"{point} — {end}" if end else str(point)


# The export ------------------------------------------------------------------------------


def survey_export_rows(*, survey: Survey):
    """(response, its answers by question id) for every counted response, oldest first: one
    query streamed from the database, however many answers (with the survey's questions
    already fetched)."""
    answers = (
        Answer.objects.filter(response__survey=survey, response__status=Response.Status.CONFIRMED)
        .select_related("response", "choice")
        .order_by("response__submitted_at", "response_id", "pk")
    )
    for _response_id, group in itertools.groupby(
        answers.iterator(chunk_size=2000), key=lambda answer: answer.response_id
    ):
        group = list(group)
        by_question = defaultdict(list)
        for answer in group:
            by_question[answer.question_id].append(answer)
        yield group[0].response, by_question
