"""Writes of surveys (the current member's schema: every function runs where it is called).

Staff build a survey (its questions and their choices, in Arabic and French), then open it for
a period. Citizens' answers are validated here, question by question (`answers_clean`), so the
page, the API and any other door store the same thing, and nothing is stored when one answer is
wrong. Texts are cleaned of markup (`clean_citizen_text`).

The limit on answers (row `surveys:response` of citizens.limits) is checked by the page before
it calls `response_submit`, as for the consultations' comments: per e-mail and per network
address.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from tenants.surveys.models import SCALE_MAX, SCALE_MIN, Answer, Choice, Question, Response, Survey
from kernel.mail import member_mail_send
from kernel.partial_update import fields_update
from tenants.surveys.tokens import (
    LinkRefused,
    response_token_make,
    response_token_read,
    verification_hours,
)

EDITABLE_FIELDS = (
    "title_ar",
    "title_fr",
    "description_ar",
    "description_fr",
    "meeting",
    "one_response_per_email",
    "results_public",
)
QUESTION_FIELDS = (
    "kind",
    "text_ar",
    "text_fr",
    "required",
    "scale_min_label_ar",
    "scale_min_label_fr",
    "scale_max_label_ar",
    "scale_max_label_fr",
)
SHORT_TEXT_MAX_LENGTH = 300
LONG_TEXT_MAX_LENGTH = 4000
MOST_CHOICES = 30


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _refuse_once_answered(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            _(
                "This survey has answers: its questions can no longer change "
                "(the answers would lose their meaning)."
            ),
            code="answered",
        )


# Surveys (staff) ---------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    title_ar: str = "",
    title_fr: str = "",
    description_ar: str = "",
    description_fr: str = "",
    meeting=None,
    one_response_per_email: bool = False,
    results_public: bool = False,
) -> Survey:
    """A draft survey: nobody sees it until it is opened for a period (`survey_open`)."""
    return _save(
        Survey(
            title_ar=title_ar,
            title_fr=title_fr,
            description_ar=description_ar,
            description_fr=description_fr,
            meeting=meeting,
            one_response_per_email=one_response_per_email,
            results_public=results_public,
        )
    )


@transaction.atomic
def survey_update(*, survey: Survey, **changes) -> Survey:
    """Change some of a survey's EDITABLE_FIELDS. Whether it takes one response per e-mail is
    fixed once it has answers (the earlier answers were counted the other way)."""
    survey = _locked(survey)
    if (
        "one_response_per_email" in changes
        and changes["one_response_per_email"] != survey.one_response_per_email
        and survey.responses.exists()
    ):
        raise ValidationError(
            {
                "one_response_per_email": ValidationError(
                    _("This survey has answers: how it counts them can no longer change."),
                    code="answered",
                )
            }
        )
    fields_update(survey, changes, allowed=EDITABLE_FIELDS)
    return _save(survey)


@transaction.atomic
def survey_open(*, survey: Survey, opens_at: datetime, closes_at: datetime) -> Survey:
    """Publish the survey for a period: answers are taken from `opens_at` to `closes_at`. Also
    moves the period of a survey already open (to extend it, for instance)."""
    survey = _locked(survey)
    if not survey.questions.exists():
        raise ValidationError(
            _("Add at least one question before opening the survey."), code="no_question"
        )
    survey.opens_at, survey.closes_at = opens_at, closes_at
    return _save(survey)


@transaction.atomic
def survey_close(*, survey: Survey, now: datetime | None = None) -> Survey:
    """Stop taking answers now (the period ends early)."""
    survey = _locked(survey)
    if not survey.is_open:
        raise ValidationError(_("This survey is not open."), code="not_open")
    survey.closes_at = now or timezone.now()
    return _save(survey)


@transaction.atomic
def survey_delete(*, survey: Survey) -> None:
    """Delete a survey with its questions and answers (for the back office)."""
    survey.delete()


# Questions (staff) -------------------------------------------------------------------------


def _choices_check(kind: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    choices = [(ar.strip(), fr.strip()) for ar, fr in choices if ar.strip() or fr.strip()]
    if kind not in Question.CHOICE_KINDS:
        return []
    if len(choices) < 2:
        raise ValidationError(
            {
                "choices_ar": ValidationError(
                    _("Give at least two choices, one a line."), code="too_few_choices"
                )
            }
        )
    if len(choices) > MOST_CHOICES:
        raise ValidationError(
            {
                "choices_ar": ValidationError(
                    _("Give at most %(most)s choices.") % {"most": MOST_CHOICES},
                    code="too_many_choices",
                )
            }
        )
    return choices


def _question_save(question: Question, choices: list[tuple[str, str]]) -> Question:
    choices = _choices_check(question.kind, choices)
    if question.kind != Question.Kind.SCALE:
        question.scale_min_label_ar = question.scale_min_label_fr = ""
        question.scale_max_label_ar = question.scale_max_label_fr = ""
    _save(question)
    question.choices.all().delete()
    Choice.objects.bulk_create(
        [
            Choice(question=question, position=position, text_ar=text_ar, text_fr=text_fr)
            for position, (text_ar, text_fr) in enumerate(choices, start=1)
        ]
    )
    return question


@transaction.atomic
def question_create(
    *,
    survey: Survey,
    kind: str,
    text_ar: str = "",
    text_fr: str = "",
    required: bool = True,
    choices: list[tuple[str, str]] = (),
    scale_min_label_ar: str = "",
    scale_min_label_fr: str = "",
    scale_max_label_ar: str = "",
    scale_max_label_fr: str = "",
) -> Question:
    """Add a question at the end. `choices` are (Arabic, French) pairs, for the choice kinds
    (two at least)."""
    survey = _locked(survey)
    _refuse_once_answered(survey)
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    return _question_save(
        Question(
            survey=survey,
            position=last + 1,
            kind=kind,
            text_ar=text_ar,
            text_fr=text_fr,
            required=required,
            scale_min_label_ar=scale_min_label_ar,
            scale_min_label_fr=scale_min_label_fr,
            scale_max_label_ar=scale_max_label_ar,
            scale_max_label_fr=scale_max_label_fr,
        ),
        list(choices),
    )


@transaction.atomic
def question_update(
    *, question: Question, choices: list[tuple[str, str]] = (), **changes
) -> Question:
    """Change a question (QUESTION_FIELDS) and replace its choices, while nobody answered."""
    _refuse_once_answered(_locked(question.survey))
    question = Question.objects.get(pk=question.pk)
    fields_update(question, changes, allowed=QUESTION_FIELDS)
    return _question_save(question, list(choices))


@transaction.atomic
def question_move(*, question: Question, up: bool) -> Question:
    """Swap the question with the one before (`up`) or after it; the order is renumbered."""
    survey = _locked(question.survey)
    questions = list(survey.questions.order_by("position", "pk"))
    index = next(i for i, item in enumerate(questions) if item.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for position, item in enumerate(questions, start=1):
        if item.position != position:
            Question.objects.filter(pk=item.pk).update(position=position)
    return Question.objects.get(pk=question.pk)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    survey = _locked(question.survey)
    _refuse_once_answered(survey)
    question.delete()
    for position, pk in enumerate(
        survey.questions.order_by("position", "pk").values_list("pk", flat=True), start=1
    ):
        Question.objects.filter(pk=pk).update(position=position)


# Answers (the public) ----------------------------------------------------------------------


def _values(raw) -> list[str]:
    """What was sent for a question, as a list of non-empty strings."""
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return [str(item).strip() for item in items if str(item).strip()]


def _answer_clean(question: Question, raw) -> list[Answer]:
    """The answers to one question (unsaved); ValidationError with a message for its author."""
    values = _values(raw)
    if not values:
        if question.required:
            message = (
                _("Choose an answer.")
                if question.has_choices or question.is_scale
                else _("Answer this question.")
            )
            raise ValidationError(message, code="required")
        return []
    if question.has_choices:
        offered = {str(choice.pk): choice for choice in question.choices.all()}
        if any(value not in offered for value in values) or (
            question.kind == Question.Kind.SINGLE_CHOICE and len(values) > 1
        ):
            raise ValidationError(_("Choose among the answers offered."), code="invalid_choice")
        return [Answer(question=question, choice=offered[value]) for value in dict.fromkeys(values)]
    if question.is_scale:
        if len(values) > 1 or values[0] not in {str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)}:
            raise ValidationError(
                _("Choose a point of the scale, from %(min)s to %(max)s.")
                % {"min": SCALE_MIN, "max": SCALE_MAX},
                code="invalid_scale",
            )
        return [Answer(question=question, value=int(values[0]))]
    limit = (
        SHORT_TEXT_MAX_LENGTH if question.kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX_LENGTH
    )
    text = clean_citizen_text("\n".join(values), max_length=limit)
    if question.kind == Question.Kind.SHORT_TEXT:
        text = " ".join(text.split())
    if not text:  # only markup or invisible characters
        if question.required:
            raise ValidationError(_("Answer this question."), code="required")
        return []
    return [Answer(question=question, text=text)]


def answers_clean(*, survey: Survey, answers: Mapping) -> list[Answer]:
    """Every question's answers (unsaved), from what was sent under each question's
    `field_name` (a string, or a list for a multiple choice); a ValidationError naming each
    question in error. Questions not sent are unanswered; unknown names are ignored."""
    cleaned, errors = [], {}
    for question in survey.questions.all():
        try:
            cleaned += _answer_clean(question, answers.get(question.field_name))
        except ValidationError as error:
            errors[question.field_name] = error.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


def not_open_message(survey: Survey) -> str:
    """Why a survey takes no answers, with its dates."""
    if survey.state == Survey.State.UPCOMING:
        return _("This survey is not open yet: it opens on %(date)s.") % {
            "date": date_format(timezone.localtime(survey.opens_at), "DATETIME_FORMAT")
        }
    if survey.state == Survey.State.CLOSED:
        return _("This survey is closed: it took answers until %(date)s.") % {
            "date": date_format(timezone.localtime(survey.closes_at), "DATETIME_FORMAT")
        }
    return _("This survey is not open for answers.")


def email_digest(email: str) -> str:
    """What a response keeps of an address: a digest keyed for this member (the same address
    gives another digest at another member)."""
    normalized = BaseUserManager.normalize_email(email.strip()).casefold()
    return salted_hmac(f"infitah.survey-email.{connection.schema_name}", normalized).hexdigest()


def _already_answered(survey: Survey, digest: str) -> bool:
    return Response.objects.filter(
        survey=survey, email_digest=digest, status=Response.Status.CONFIRMED
    ).exists()


def _same_email(first: str | None, second: str | None) -> bool:
    return bool(first and second) and first.strip().casefold() == second.strip().casefold()


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: Mapping,
    email: str = "",
    verified_email: str | None = None,
    language: str = "ar",
    site_url: str = "",
) -> Response:
    """Record a person's answers while the survey is open; nothing is stored when an answer is
    wrong (a ValidationError names each question).

    An anonymous survey counts the response at once. A survey with one response per e-mail
    needs the address: when it is `verified_email` (the address this browser confirmed
    earlier, consultations included) the response counts at once, unless that address has
    answered already; otherwise it waits, and a one-time link is e-mailed (in `language`).
    Whether another address answered already is told only to its owner, through the link.
    """
    survey = Survey.objects.prefetch_related("questions__choices").get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(not_open_message(survey), code="not_open")
    errors = {}
    email = BaseUserManager.normalize_email((email or "").strip())
    if survey.one_response_per_email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [
                ValidationError(
                    _("Give your e-mail address, as name@example.com: each address answers once."),
                    code="email",
                )
            ]
    cleaned = []
    try:
        cleaned = answers_clean(survey=survey, answers=answers)
    except ValidationError as error:
        errors.update(error.error_dict)
    if not errors and not cleaned:
        errors[NON_FIELD_ERRORS] = [
            ValidationError(_("Answer at least one question."), code="empty")
        ]
    if errors:
        raise ValidationError(errors)
    response = Response(survey=survey, language=language if language in ("ar", "fr") else "ar")
    if survey.one_response_per_email:
        response.email_digest = email_digest(email)
        if _same_email(verified_email, email):
            _locked(survey)  # against a link of the same address followed meanwhile
            if _already_answered(survey, response.email_digest):
                raise ValidationError(
                    {
                        "email": [
                            ValidationError(
                                _("This e-mail address has already answered this survey."),
                                code="already_answered",
                            )
                        ]
                    }
                )
            response.confirmed_at = timezone.now()
        else:
            response.status = Response.Status.PENDING
    else:
        response.confirmed_at = response.submitted_at
    _save(response)
    for answer in cleaned:
        answer.response = response
    Answer.objects.bulk_create(cleaned)
    if response.status == Response.Status.PENDING:
        link = site_url.rstrip("/") + reverse(
            "surveys:confirm", args=[response_token_make(response.pk)]
        )
        member_mail_send(
            to=email,
            template="surveys/email/confirm",
            language=response.language,
            context={"link": link, "survey": survey, "hours": verification_hours()},
        )
    return response


def response_confirm(*, token: str) -> Response:
    """Count the response a link was made for. LinkRefused "used" when followed already,
    "answered" when the address answered the survey already (the response is dropped),
    "expired" or "invalid" otherwise. A response sent while the survey was open counts even
    if its author confirms after the closing: it was received in time."""
    response_pk = response_token_read(token)
    with transaction.atomic():
        response = Response.objects.filter(pk=response_pk).select_related("survey").first()
        if response is None:
            raise LinkRefused("invalid")
        _locked(response.survey)  # two links of one address followed at once: one counts
        response = Response.objects.select_related("survey").get(pk=response_pk)
        if response.status != Response.Status.PENDING:
            raise LinkRefused("used")
        refused = _already_answered(response.survey, response.email_digest)
        if refused:
            response.delete()
        else:
            response.status, response.confirmed_at = Response.Status.CONFIRMED, timezone.now()
            response.save(update_fields=["status", "confirmed_at"])
    if refused:  # after the transaction: the dropped response stays dropped
        raise LinkRefused("answered")
    return response


@transaction.atomic
def response_pending_purge(*, now: datetime | None = None) -> int:
    """Delete responses whose link expired unused (never counted). Returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(hours=verification_hours())
    pending = Response.objects.filter(status=Response.Status.PENDING, submitted_at__lt=cutoff)
    count = pending.count()
    pending.delete()
    return count
