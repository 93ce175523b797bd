"""The surveys API reads: published surveys with their questions, results when public or for
the member's staff."""

from tenants.surveys.services import response_submit
from tenants.surveys.tests.factories import answers, survey_built


def test_published_surveys_and_their_questions(tetouan, in_member, client_for):
    with in_member(tetouan):
        survey = survey_built()
        survey_built(title_ar="مسودة", open_now=False)
    api = client_for(tetouan)
    listing = api.get("/api/surveys/").json()
    assert [item["id"] for item in listing["results"]] == [survey.pk]
    detail = api.get(f"/api/surveys/{survey.pk}/").json()
    assert detail["state"] == "open"
    assert [q["kind"] for q in detail["questions"]] == [
        "single_choice",
        "multiple_choice",
        "scale",
        "short_text",
        "long_text",
    ]
    assert len(detail["questions"][0]["choices"]) == 2
    assert detail["questions"][0]["field_name"] == f"q{detail['questions'][0]['id']}"


def test_results_are_for_the_public_when_published_else_for_staff(
    tetouan, in_member, client_for, staff_client
):
    with in_member(tetouan):
        survey = survey_built()
        response_submit(survey=survey, answers=answers(survey, point=5))
    assert client_for(tetouan).get(f"/api/surveys/{survey.pk}/results/").status_code == 404
    results = staff_client(tetouan, "moderator").get(f"/api/surveys/{survey.pk}/results/").json()
    assert results["respondents"] == 1
    scale = results["questions"][2]
    assert scale["average"] == 5.0 and scale["shares"][4]["count"] == 1
    assert results["questions"][4]["texts"] == ["نشر الوثائق قبل الورشة."]
