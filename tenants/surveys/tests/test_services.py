"""Writes of surveys: building (questions of each kind, order, fixed once answered), the
period, each kind's answer validation (nothing stored on an error), one response per
confirmed e-mail (the consultations' link), and texts cleaned of markup."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tenants.surveys.models import Answer, Choice, Question, Response, Survey
from tenants.surveys.services import (
    email_digest,
    question_create,
    question_delete,
    question_move,
    question_update,
    response_confirm,
    response_pending_purge,
    response_submit,
    survey_close,
    survey_create,
    survey_open,
    survey_update,
)
from tenants.surveys.tests.factories import answers, questions, survey_built
from tenants.surveys.tokens import LinkRefused, response_token_make

pytestmark = pytest.mark.usefixtures("in_tetouan")


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {name: [item.code for item in items] for name, items in error.error_dict.items()}


# Building --------------------------------------------------------------------------------


def test_a_survey_needs_a_title_and_a_choice_question_two_choices():
    with pytest.raises(ValidationError) as refused:
        survey_create(title_ar=" ", title_fr="")
    assert "title_ar" in refused.value.error_dict
    survey = survey_create(title_ar="استبيان")
    with pytest.raises(ValidationError) as refused:
        question_create(
            survey=survey, kind=Question.Kind.SINGLE_CHOICE, text_ar="سؤال", choices=[("واحد", "")]
        )
    assert _codes(refused.value) == {"choices_ar": ["too_few_choices"]}
    assert not survey.questions.exists()


def test_questions_are_numbered_moved_and_deleted_in_order():
    survey = survey_built(open_now=False)
    first, second, *_rest = survey.questions.all()
    question_move(question=second, up=True)
    assert list(survey.questions.order_by("position").values_list("pk", flat=True))[:2] == [
        second.pk,
        first.pk,
    ]
    question_delete(question=second)
    assert list(survey.questions.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
    ]


def test_a_question_changes_until_the_first_answer_then_never():
    survey = survey_built()
    single = questions(survey)[Question.Kind.SINGLE_CHOICE]
    question_update(
        question=single,
        kind=Question.Kind.SINGLE_CHOICE,
        text_ar="من أين؟",
        choices=[("الموقع", ""), ("صديق", ""), ("الإذاعة", "")],
    )
    assert Choice.objects.filter(question=single).count() == 3
    survey = Survey.objects.prefetch_related("questions__choices").get(pk=survey.pk)
    response_submit(survey=survey, answers=answers(survey))
    with pytest.raises(ValidationError) as refused:
        question_update(
            question=single,
            kind=Question.Kind.SINGLE_CHOICE,
            text_ar="x",
            choices=[("أ", ""), ("ب", "")],
        )
    assert refused.value.code == "answered"
    with pytest.raises(ValidationError):
        question_delete(question=single)
    with pytest.raises(ValidationError):
        question_create(survey=survey, kind=Question.Kind.SHORT_TEXT, text_ar="جديد")


# The period --------------------------------------------------------------------------------


def test_a_survey_opens_with_questions_and_for_a_period_that_ends_after_it_starts():
    now = timezone.now()
    empty = survey_create(title_ar="فارغ")
    with pytest.raises(ValidationError) as refused:
        survey_open(survey=empty, opens_at=now, closes_at=now + timedelta(days=1))
    assert refused.value.code == "no_question"
    survey = survey_built(open_now=False)
    assert survey.state == Survey.State.DRAFT
    with pytest.raises(ValidationError) as refused:
        survey_open(survey=survey, opens_at=now, closes_at=now - timedelta(hours=1))
    assert _codes(refused.value) == {"closes_at": ["period_reversed"]}
    opened = survey_open(
        survey=survey, opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(days=1)
    )
    assert opened.state == Survey.State.OPEN
    closed = survey_close(survey=opened)
    assert closed.state == Survey.State.CLOSED


@pytest.mark.parametrize(
    ("opens", "closes", "words"),
    [
        (timedelta(days=2), timedelta(days=9), "لم يفتح بعد"),
        (-timedelta(days=9), -timedelta(days=2), "مغلق"),
    ],
)
def test_answers_are_refused_outside_the_period_with_its_dates_in_arabic(opens, closes, words):
    survey = survey_built(open_now=False)
    now = timezone.now()
    survey_open(survey=survey, opens_at=now + opens, closes_at=now + closes)
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        response_submit(survey=survey, answers=answers(survey))
    assert refused.value.code == "not_open"
    assert words in refused.value.messages[0]
    assert not Response.objects.exists()


# Answers, kind by kind ------------------------------------------------------------------------


def test_a_full_response_is_stored_with_one_row_per_choice_ticked():
    survey = survey_built()
    response = response_submit(survey=survey, answers=answers(survey, ticked=(0, 2)))
    assert response.status == Response.Status.CONFIRMED and response.email_digest == ""
    stored = Answer.objects.filter(response=response)
    by_kind = questions(survey)
    assert stored.filter(question=by_kind[Question.Kind.MULTIPLE_CHOICE]).count() == 2
    assert stored.get(question=by_kind[Question.Kind.SCALE]).value == 4
    assert stored.get(question=by_kind[Question.Kind.SHORT_TEXT]).text == "أستاذ"


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        (Question.Kind.SINGLE_CHOICE, "", "required"),
        (Question.Kind.SINGLE_CHOICE, "999999", "invalid_choice"),
        (Question.Kind.SINGLE_CHOICE, "two", "invalid_choice"),  # two choices for a single one
        (Question.Kind.MULTIPLE_CHOICE, [], "required"),
        (Question.Kind.MULTIPLE_CHOICE, ["999999"], "invalid_choice"),
        (Question.Kind.SCALE, "", "required"),
        (Question.Kind.SCALE, "6", "invalid_scale"),
        (Question.Kind.SCALE, "0", "invalid_scale"),
        (Question.Kind.SHORT_TEXT, "س" * 301, "too_long"),
        (Question.Kind.LONG_TEXT, "س" * 4001, "too_long"),
    ],
)
def test_each_kind_of_answer_is_checked_and_nothing_is_stored_on_an_error(kind, value, code):
    survey = survey_built()
    question = questions(survey)[kind]
    sent = answers(survey)
    if value == "two":
        value = [str(choice.pk) for choice in question.choices.all()]
    sent[question.field_name] = value
    with pytest.raises(ValidationError) as refused:
        response_submit(survey=survey, answers=sent)
    assert _codes(refused.value) == {question.field_name: [code]}
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_required_messages_are_in_arabic_and_optional_questions_may_be_left_empty():
    survey = survey_built()
    by_kind = questions(survey)
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        response_submit(survey=survey, answers={})
    messages = refused.value.message_dict
    assert messages[by_kind[Question.Kind.SINGLE_CHOICE].field_name] == ["يرجى اختيار جواب."]
    assert by_kind[Question.Kind.LONG_TEXT].field_name not in messages  # optional
    response = response_submit(survey=survey, answers=answers(survey, short="", long=""))
    assert response.answers.count() == 4  # single, two ticked, the scale


def test_texts_are_kept_as_plain_text():
    survey = survey_built()
    response = response_submit(
        survey=survey, answers=answers(survey, long="<script>alert(1)</script><b>ورشات</b> أكثر")
    )
    text = response.answers.get(question__kind=Question.Kind.LONG_TEXT).text
    assert "<" not in text and "ورشات أكثر" in text


# One response per confirmed e-mail ---------------------------------------------------------


def _token_of_last_mail() -> str:
    (email,) = mail.outbox
    return email.body.split("/surveys/confirm/")[1].split("/")[0]


def test_a_response_per_email_waits_for_its_link_then_counts_once(
    django_capture_on_commit_callbacks,
):
    survey = survey_built(one_response_per_email=True)
    with pytest.raises(ValidationError) as refused:
        response_submit(survey=survey, answers=answers(survey), email="")
    assert "email" in refused.value.error_dict
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pending = response_submit(
            survey=survey,
            answers=answers(survey),
            email="Amina@Example.ma",
            site_url="https://tetouan.ma/",
        )
    assert pending.status == Response.Status.PENDING
    assert pending.email_digest == email_digest("amina@example.ma")
    assert "amina" not in str(Response.objects.values().get(pk=pending.pk)).lower()
    token = _token_of_last_mail()
    assert response_confirm(token=token).status == Response.Status.CONFIRMED
    with pytest.raises(LinkRefused) as refused_link:
        response_confirm(token=token)
    assert refused_link.value.reason == "used"

    # The same address again: the link tells its owner, and the second response goes.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = response_submit(
            survey=survey,
            answers=answers(survey, point=1),
            email="amina@example.ma",
            site_url="https://tetouan.ma/",
        )
    with pytest.raises(LinkRefused) as refused_link:
        response_confirm(token=_token_of_last_mail())
    assert refused_link.value.reason == "answered"
    assert not Response.objects.filter(pk=second.pk).exists()
    assert Response.objects.filter(survey=survey, status="confirmed").count() == 1


def test_an_address_confirmed_in_this_browser_counts_at_once_but_once():
    survey = survey_built(one_response_per_email=True)
    response = response_submit(
        survey=survey,
        answers=answers(survey),
        email="nadia@example.ma",
        verified_email="NADIA@example.ma",
    )
    assert response.status == Response.Status.CONFIRMED
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        response_submit(
            survey=survey,
            answers=answers(survey),
            email="nadia@example.ma",
            verified_email="nadia@example.ma",
        )
    assert _codes(refused.value) == {"email": ["already_answered"]}


def test_forged_foreign_and_expired_links_are_refused(tetouan, tanger, in_member):
    survey = survey_built(one_response_per_email=True)
    pending = response_submit(survey=survey, answers=answers(survey), email="a@example.ma")
    token = response_token_make(pending.pk)
    with pytest.raises(LinkRefused):
        response_confirm(token=token + "x")
    with pytest.raises(LinkRefused):
        response_confirm(token=signing.dumps({"response": pending.pk}, salt="other"))
    with in_member(tanger), pytest.raises(LinkRefused):  # signed for Tétouan only
        response_confirm(token=token)
    assert response_pending_purge(now=timezone.now() + timedelta(days=3)) == 1
    assert not Response.objects.exists()


def test_survey_settings_change_but_not_how_answers_count_once_answered():
    survey = survey_built()
    response_submit(survey=survey, answers=answers(survey))
    assert survey_update(survey=survey, results_public=True).results_public
    with pytest.raises(ValidationError) as refused:
        survey_update(survey=survey, one_response_per_email=True)
    assert "one_response_per_email" in refused.value.error_dict
