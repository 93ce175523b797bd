"""The workspace's survey pages, each opened and saved: build a survey (questions of every
kind, order), open it for a period, read its results and export them; errors in Arabic;
moderators read results but do not build; a constant number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.surveys.models import Question, Survey
from tenants.surveys.services import response_submit
from tenants.surveys.tests.factories import answers, survey_built

LOCAL = "%Y-%m-%dT%H:%M"


def _survey(tetouan, in_member, pk) -> Survey:
    with in_member(tetouan):
        return Survey.objects.prefetch_related("questions__choices").get(pk=pk)


def test_an_editor_builds_a_survey_and_opens_it(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "editor")
    assert client.get("/staff/surveys/").status_code == 200
    assert client.get("/staff/surveys/new/").status_code == 200
    refused = client.post("/staff/surveys/new/", {"title_ar": "", "title_fr": ""})
    assert refused.status_code == 400 and "هناك مشكلة" in refused.content.decode()
    created = client.post(
        "/staff/surveys/new/", {"title_ar": "تقييم خدمات الجماعة", "description_ar": "دقيقتان فقط"}
    )
    assert created.status_code == 302
    pk = int(created["Location"].rstrip("/").split("/")[-1])
    page = client.get(created["Location"]).content.decode()
    assert 'role="status"' in page and "مسودة" in page

    base = f"/staff/surveys/{pk}/"
    too_few = client.post(
        base + "questions/",
        {
            "question-kind": "single_choice",
            "question-text_ar": "سؤال",
            "question-choices_ar": "واحد",
        },
    )
    assert too_few.status_code == 400 and "اختيارين على الأقل" in too_few.content.decode()
    for data in (
        {
            "question-kind": "single_choice",
            "question-text_ar": "هل زرتم مقر الجماعة؟",
            "question-required": "on",
            "question-choices_ar": "نعم\nلا",
        },
        {
            "question-kind": "scale",
            "question-text_ar": "ما مدى رضاكم؟",
            "question-required": "on",
            "question-scale_min_label_ar": "غير راض",
            "question-scale_max_label_ar": "راض جدا",
        },
        {"question-kind": "long_text", "question-text_ar": "اقتراحاتكم"},
    ):
        assert client.post(base + "questions/", data).status_code == 302
    survey = _survey(tetouan, in_member, pk)
    first, second, third = survey.questions.all()
    assert [q.kind for q in (first, second, third)] == ["single_choice", "scale", "long_text"]
    assert [c.text_ar for c in first.choices.all()] == ["نعم", "لا"]

    assert client.post(base + f"questions/{third.pk}/move/", {"direction": "up"}).status_code == 302
    assert client.get(base + f"questions/{first.pk}/").status_code == 200
    assert (
        client.post(
            base + f"questions/{first.pk}/",
            {
                "kind": "multiple_choice",
                "text_ar": "ما الخدمات التي استعملتم؟",
                "required": "on",
                "choices_ar": "الحالة المدنية\nالتعمير\nالرخص",
            },
        ).status_code
        == 302
    )
    survey = _survey(tetouan, in_member, pk)
    assert [q.kind for q in survey.questions.all()] == ["multiple_choice", "long_text", "scale"]
    assert survey.questions.all()[0].choices.count() == 3

    now = timezone.localtime()
    reversed_period = client.post(
        base + "open/",
        {
            "period-opens_at": now.strftime(LOCAL),
            "period-closes_at": (now - timedelta(days=1)).strftime(LOCAL),
        },
    )
    assert reversed_period.status_code == 400
    assert "يجب أن يغلق الاستبيان بعد فتحه" in reversed_period.content.decode()
    opened = client.post(
        base + "open/",
        {
            "period-opens_at": (now - timedelta(minutes=5)).strftime(LOCAL),
            "period-closes_at": (now + timedelta(days=10)).strftime(LOCAL),
        },
    )
    assert opened.status_code == 302
    assert _survey(tetouan, in_member, pk).is_open
    assert "مفتوح للإجابة" in client.get(base).content.decode()

    assert client.get(base + "edit/").status_code == 200
    assert (
        client.post(
            base + "edit/", {"title_ar": "تقييم خدمات الجماعة 2026", "results_public": "on"}
        ).status_code
        == 302
    )
    assert _survey(tetouan, in_member, pk).results_public
    assert client.post(base + "close/").status_code == 302
    assert _survey(tetouan, in_member, pk).state == Survey.State.CLOSED


def test_questions_are_fixed_once_answered_and_deleted_before(tetouan, in_member, staff_client):
    with in_member(tetouan):
        survey = survey_built()
        text = survey.questions.get(kind=Question.Kind.SHORT_TEXT)
    client = staff_client(tetouan, "editor")
    base = f"/staff/surveys/{survey.pk}/"
    assert client.post(base + f"questions/{text.pk}/delete/").status_code == 302
    with in_member(tetouan):
        survey = Survey.objects.prefetch_related("questions__choices").get(pk=survey.pk)
        assert survey.questions.count() == 4
        response_submit(survey=survey, answers=answers(survey))
        long_text = survey.questions.get(kind=Question.Kind.LONG_TEXT)
    client.post(base + f"questions/{long_text.pk}/delete/")
    page = client.get(base).content.decode()
    assert "لم يعد من الممكن تغيير أسئلته" in page and 'role="alert"' in page
    with in_member(tetouan):
        assert survey.questions.count() == 4


def test_results_and_export_for_staff_in_constant_queries(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "moderator")

    def queries(count, path):
        with in_member(tetouan):
            survey = survey_built()
            for index in range(count):
                response_submit(survey=survey, answers=answers(survey, point=1 + index % 5))
        client.get(path.format(pk=survey.pk))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path.format(pk=survey.pk))
            assert response.status_code == 200
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        return len(captured), response

    few, page = queries(2, "/staff/surveys/{pk}/results/")
    many, _page = queries(25, "/staff/surveys/{pk}/results/")
    assert few == many
    html = page.content.decode()
    assert "أجاب شخصان." in html and "المعدل" in html and "<caption" in html
    assert (
        queries(2, "/staff/surveys/{pk}/results.csv")[0]
        == queries(25, "/staff/surveys/{pk}/results.csv")[0]
    )


def test_a_moderator_reads_results_but_does_not_build(tetouan, in_member, staff_client):
    with in_member(tetouan):
        survey = survey_built()
    client = staff_client(tetouan, "moderator")
    assert client.get(f"/staff/surveys/{survey.pk}/results/").status_code == 200
    assert client.get("/staff/surveys/").status_code == 403
    assert client.post("/staff/surveys/new/", {"title_ar": "x"}).status_code == 403
    assert client.post(f"/staff/surveys/{survey.pk}/close/").status_code == 403
    assert "/staff/surveys/" not in client.get("/staff/").content.decode()
    assert (
        'href="/staff/surveys/"' in staff_client(tetouan, "editor").get("/staff/").content.decode()
    )
