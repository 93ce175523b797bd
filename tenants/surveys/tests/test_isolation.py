"""A survey of Tétouan and its answers never show at Tanger (pages, results, CSV, API,
workspace), Tétouan's staff cannot act on Tanger's surveys, and answers sent at one member
are kept at that member."""

import pytest

from tenants.surveys.models import Response, Survey
from tenants.surveys.services import response_submit
from tenants.surveys.tests.factories import TITLE, answers, survey_built


@pytest.fixture
def tetouan_survey(tetouan, in_member) -> Survey:
    with in_member(tetouan):
        survey = survey_built(results_public=True)
        response_submit(survey=survey, answers=answers(survey, long="سر تطوان"))
        return survey


def test_a_survey_of_tetouan_is_not_at_tanger(tetouan, tanger, client_for, tetouan_survey):
    assert TITLE in client_for(tetouan).get("/surveys/").content.decode()
    tanger_site = client_for(tanger)
    assert TITLE not in tanger_site.get("/surveys/").content.decode()
    for path in (
        "/surveys/{pk}/",
        "/surveys/{pk}/results/",
        "/surveys/{pk}/results.csv",
        "/api/surveys/{pk}/",
        "/api/surveys/{pk}/results/",
    ):
        assert tanger_site.get(path.format(pk=tetouan_survey.pk)).status_code == 404, path
    assert tanger_site.get("/api/surveys/").json()["count"] == 0


def test_answers_sent_at_tanger_are_kept_at_tanger(
    tetouan, tanger, in_member, client_for, tetouan_survey
):
    response = client_for(tanger).post(
        f"/surveys/{tetouan_survey.pk}/", {**answers(tetouan_survey), "website": ""}
    )
    assert response.status_code == 404
    with in_member(tanger):
        assert not Response.objects.exists()
    with in_member(tetouan):
        assert Response.objects.filter(survey=tetouan_survey).count() == 1


def test_tetouans_staff_cannot_read_or_change_tangers_surveys(
    tetouan, tanger, in_member, staff_client, client_for
):
    with in_member(tanger):
        tanger_survey = survey_built(title_ar="استبيان طنجة")
    tetouan_editor = staff_client(tetouan, "editor")
    for path in ("", "results/", "results.csv", "edit/"):
        assert tetouan_editor.get(f"/staff/surveys/{tanger_survey.pk}/{path}").status_code == 404
    assert "استبيان طنجة" not in tetouan_editor.get("/staff/surveys/").content.decode()
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_editor.cookies  # the same session cookie, replayed
    assert tanger_browser.post(f"/staff/surveys/{tanger_survey.pk}/close/").status_code == 302
    assert (
        "/staff/sign-in/"
        in tanger_browser.post(f"/staff/surveys/{tanger_survey.pk}/close/")["Location"]
    )
    with in_member(tanger):
        assert Survey.objects.get(pk=tanger_survey.pk).is_open
