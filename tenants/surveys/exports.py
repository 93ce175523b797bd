"""The CSV export of a survey's responses: one row a response, a column a question, in UTF-8
with a byte-order mark so that Excel reads Arabic right. Streamed: one query for the answers,
however many there are."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.surveys.models import Question, Survey
from tenants.surveys.selectors import survey_export_rows

# A cell starting with one of these is a formula to a spreadsheet: a citizen's text is not.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _answer_cell(question: Question, answers) -> str:
    if not answers:
        return ""
    if question.has_choices:
        return " ; ".join(str(answer.choice.text) for answer in answers)
    if question.is_scale:
        return str(answers[0].value)
    return answers[0].text


def _rows(survey: Survey):
    questions = list(survey.questions.all())
    yield [
        _("Response"),
        _("Sent at"),
        _("Language"),
        *(f"{index}. {question.text}" for index, question in enumerate(questions, start=1)),
    ]
    for response, by_question in survey_export_rows(survey=survey):
        yield [
            response.pk,
            timezone.localtime(response.confirmed_at or response.submitted_at).strftime(
                "%Y-%m-%d %H:%M"
            ),
            response.language,
            *(
                _cell(_answer_cell(question, by_question.get(question.pk)))
                for question in questions
            ),
        ]


def survey_csv_response(*, survey: Survey) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in _rows(survey):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    return response
