"""A survey with one question of each kind, open now (runs in the current member's schema)."""

from datetime import timedelta

from django.utils import timezone

from tenants.surveys.models import Question, Survey
from tenants.surveys.services import question_create, survey_create, survey_open

TITLE = "تقييم ورشة الإعداد المشترك"


def survey_built(*, title_ar: str = TITLE, open_now: bool = True, **settings) -> Survey:
    survey = survey_create(title_ar=title_ar, title_fr="Évaluation de l'atelier", **settings)
    question_create(
        survey=survey,
        kind=Question.Kind.SINGLE_CHOICE,
        text_ar="كيف علمتم بالورشة؟",
        choices=[("موقع الجماعة", "Site"), ("جمعية", "Association")],
    )
    question_create(
        survey=survey,
        kind=Question.Kind.MULTIPLE_CHOICE,
        text_ar="ما المحاور التي تهمكم؟",
        choices=[
            ("الشفافية", "Transparence"),
            ("المشاركة", "Participation"),
            ("الرقمنة", "Digitalisation"),
        ],
    )
    question_create(
        survey=survey,
        kind=Question.Kind.SCALE,
        text_ar="ما مدى رضاكم؟",
        scale_min_label_ar="غير راض",
        scale_max_label_ar="راض جدا",
    )
    question_create(survey=survey, kind=Question.Kind.SHORT_TEXT, text_ar="مهنتكم", required=False)
    question_create(
        survey=survey, kind=Question.Kind.LONG_TEXT, text_ar="اقتراحاتكم", required=False
    )
    if open_now:
        now = timezone.now()
        survey = survey_open(
            survey=survey, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=7)
        )
    return Survey.objects.prefetch_related("questions__choices").get(pk=survey.pk)


def questions(survey: Survey) -> dict[str, Question]:
    return {question.kind: question for question in survey.questions.all()}


def answers(
    survey: Survey,
    *,
    choice: int = 0,
    ticked=(0, 1),
    point: int = 4,
    short: str = "أستاذ",
    long: str = "نشر الوثائق قبل الورشة.",
) -> dict:
    """What a browser sends: the choice's index, the ticked indexes, the scale, the texts."""
    values = {
        Question.Kind.SCALE: str(point),
        Question.Kind.SHORT_TEXT: short,
        Question.Kind.LONG_TEXT: long,
    }
    sent = {}
    for kind, question in questions(survey).items():
        offered = [str(item.pk) for item in question.choices.all()]
        sent[question.field_name] = (
            offered[choice]
            if kind == Question.Kind.SINGLE_CHOICE
            else [offered[i] for i in ticked]
            if kind == Question.Kind.MULTIPLE_CHOICE
            else values[kind]
        )
    return sent
