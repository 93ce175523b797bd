"""The public pages: a citizen answers on one page (errors first, in Arabic, nothing stored),
the confirmation at the top; outside the period the page says when; results when published,
their CSV (UTF-8 with BOM, one row a response), in a constant number of queries; the meeting's
page links to its evaluation."""

import csv
import io
from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.meetings.models import Meeting
from tenants.surveys.models import Question, Response
from tenants.surveys.services import response_submit, survey_open, survey_update
from tenants.surveys.tests.factories import answers, questions, survey_built


def _built(tetouan, in_member, **settings):
    with in_member(tetouan):
        return survey_built(**settings)


def test_a_citizen_answers_and_sees_the_confirmation_at_the_top(tetouan, in_member, client_for):
    survey = _built(tetouan, in_member)
    site = client_for(tetouan)
    page = site.get(f"/surveys/{survey.pk}/").content.decode()
    assert 'lang="ar"' in page and "كيف علمتم بالورشة؟" in page and "غير راض" in page
    response = site.post(f"/surveys/{survey.pk}/", {**answers(survey), "website": ""})
    assert response.status_code == 302 and response["Location"] == f"/surveys/{survey.pk}/thanks/"
    thanks = site.get(response["Location"]).content.decode()
    assert 'role="status"' in thanks and "تم تسجيل أجوبتكم" in thanks
    with in_member(tetouan):
        assert Response.objects.filter(survey=survey, status="confirmed").count() == 1


def test_errors_come_first_in_arabic_per_question_and_nothing_is_stored(
    tetouan, in_member, client_for
):
    survey = _built(tetouan, in_member)
    by_kind = questions(survey)
    sent = {**answers(survey), "website": ""}
    sent[by_kind[Question.Kind.SINGLE_CHOICE].field_name] = ""
    sent[by_kind[Question.Kind.SCALE].field_name] = "9"
    sent[by_kind[Question.Kind.LONG_TEXT].field_name] = "<b>نص</b>" + "س" * 4001
    response = client_for(tetouan).post(f"/surveys/{survey.pk}/", sent)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index('id="error-summary"'))
    ]
    assert "هناك مشكلة" in summary and "يرجى اختيار جواب." in summary
    assert "يرجى اختيار درجة من السلم" in summary
    assert f'href="#id_{by_kind[Question.Kind.SINGLE_CHOICE].field_name}"' in summary
    assert html.index('id="error-summary"') < html.index('<form method="post"')
    assert "<b>نص</b>" not in html  # what was typed comes back escaped
    with in_member(tetouan):
        assert not Response.objects.exists()


def test_outside_the_period_the_page_says_when_and_refuses_answers(tetouan, in_member, client_for):
    survey = _built(tetouan, in_member, open_now=False)
    site = client_for(tetouan)
    assert site.get(f"/surveys/{survey.pk}/").status_code == 404  # a draft is nobody's
    now = timezone.now()
    with in_member(tetouan):
        survey_open(
            survey=survey, opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=2)
        )
    page = site.get(f"/surveys/{survey.pk}/").content.decode()
    assert "هذا الاستبيان مغلق" in page and '<form method="post"' not in page
    refused = site.post(f"/surveys/{survey.pk}/", {**answers(survey), "website": ""})
    assert refused.status_code == 403 and "هذا الاستبيان مغلق" in refused.content.decode()
    with in_member(tetouan):
        assert not Response.objects.exists()


def test_a_survey_per_email_sends_a_link_and_counts_after_it(
    tetouan, in_member, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    survey = _built(tetouan, in_member, one_response_per_email=True)
    site = client_for(tetouan)
    missing = site.post(f"/surveys/{survey.pk}/", {**answers(survey), "website": ""})
    assert (
        missing.status_code == 400
        and "يرجى إدخال عنوان بريدكم الإلكتروني" in missing.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = site.post(
            f"/surveys/{survey.pk}/",
            {**answers(survey), "website": "", "email": "karim@example.ma"},
        )
    assert sent.status_code == 302
    assert "يرجى الاطلاع على بريدكم الإلكتروني" in site.get(sent["Location"]).content.decode()
    (email,) = mailoutbox
    link = email.body.split("http://")[1].split()[0]
    confirmed = site.get("/" + link.split("/", 1)[1])
    assert confirmed.status_code == 200 and "تم احتساب أجوبتكم" in confirmed.content.decode()
    again = site.get("/" + link.split("/", 1)[1])
    assert again.status_code == 400 and "الرابط يعمل مرة واحدة" in again.content.decode()


def test_too_many_answers_from_one_address_are_refused(tetouan, in_member, client_for, monkeypatch):
    survey = _built(tetouan, in_member)
    answering = replace(PUBLIC_WRITE_LIMITS["surveys:response"], per_address=1)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "surveys:response", answering)
    site = client_for(tetouan)
    address = {"REMOTE_ADDR": f"10.9.{survey.pk % 250}.{timezone.now().microsecond % 250}"}
    assert (
        site.post(
            f"/surveys/{survey.pk}/", {**answers(survey), "website": ""}, **address
        ).status_code
        == 302
    )
    refused = site.post(f"/surveys/{survey.pk}/", {**answers(survey), "website": ""}, **address)
    assert refused.status_code == 429 and "بعد ساعة" in refused.content.decode()


def _answered(tetouan, in_member, count: int, **settings):
    with in_member(tetouan):
        survey = survey_built(**settings)
        for index in range(count):
            response_submit(
                survey=survey,
                answers=answers(
                    survey, choice=index % 2, point=1 + index % 5, long=f"=اقتراح {index}"
                ),
            )
        return survey


def test_results_are_public_only_when_the_survey_says_so(tetouan, in_member, client_for):
    survey = _answered(tetouan, in_member, 3)
    site = client_for(tetouan)
    assert site.get(f"/surveys/{survey.pk}/results/").status_code == 404
    assert site.get(f"/surveys/{survey.pk}/results.csv").status_code == 404
    with in_member(tetouan):
        survey_update(survey=survey, results_public=True)
    page = site.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "أجاب 3 أشخاص." in page and "<table" in page and "data-survey-chart" in page
    assert "=اقتراح 2" in page and "chart.umd.min.js" in page


def test_the_csv_has_a_bom_and_one_row_a_response_with_formulas_defused(
    tetouan, in_member, client_for
):
    survey = _answered(tetouan, in_member, 3, results_public=True)
    response = client_for(tetouan).get(f"/surveys/{survey.pk}/results.csv")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("text/csv") and body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3 and len(rows[0]) == 3 + 5
    assert rows[0][3] == "1. كيف علمتم بالورشة؟"
    assert rows[1][4] == "الشفافية ; المشاركة" and rows[1][6] == "أستاذ"
    assert rows[3][7] == "'=اقتراح 2"


@pytest.mark.parametrize("path", ["/surveys/{pk}/results/", "/surveys/{pk}/results.csv"])
def test_results_take_the_same_queries_for_3_or_30_responses(tetouan, in_member, client_for, path):
    def queries(count):
        survey = _answered(tetouan, in_member, count, results_public=True)
        site = client_for(tetouan)
        site.get(path.format(pk=survey.pk))  # warm the routing
        with CaptureQueriesContext(connection) as captured:
            response = site.get(path.format(pk=survey.pk))
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        return len(captured)

    assert queries(3) == queries(30)


def test_the_public_list_and_the_meetings_page_link_to_open_surveys(tetouan, in_member, client_for):
    with in_member(tetouan):
        meeting = Meeting.objects.create(
            kind=Meeting.Kind.COCREATION_WORKSHOP,
            title_ar="ورشة الإعداد المشترك",
            starts_at=timezone.now() - timedelta(days=1),
        )
        survey = survey_built(meeting=meeting)
        draft = survey_built(title_ar="مسودة لا تنشر", open_now=False)
    site = client_for(tetouan)
    listing = site.get("/surveys/").content.decode()
    assert f'href="/surveys/{survey.pk}/"' in listing and draft.title_ar not in listing
    meeting_page = site.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'href="/surveys/{survey.pk}/"' in meeting_page and "أبدوا رأيكم" in meeting_page
