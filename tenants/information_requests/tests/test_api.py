"""The API: anyone reads the register (never personal data) and files a request; the member's
staff read requests with the requester's data and take the steps, by role."""

import json
import uuid
from datetime import date

import pytest
from django.core import mail
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import _load_enum_name_overrides
from drf_spectacular.settings import spectacular_settings

from tenants.information_requests.models import InformationRequest, RefusalGround, State, Step
from tenants.information_requests.services import information_request_answer
from tenants.information_requests.tests.factories import (
    PERSONAL_VALUES,
    PNG,
    REQUESTER,
    filed,
    pdf_file,
)
from kernel.actors import Actor

NEW = {
    **REQUESTER,
    "information_wanted": "أطلب لائحة الصفقات العمومية لسنة 2025.",
    "is_urgent": False,
}


@pytest.fixture
def requests(tetouan, in_member) -> dict[str, InformationRequest]:
    with in_member(tetouan):
        answered = information_request_answer(
            information_request=filed(),
            by=Actor(name="clerk"),
            answer_text="اللائحة منشورة.",
            today=date(2026, 4, 1),
        )
        return {"answered": answered, "open": filed(today=None)}


def assert_no_personal_data(body) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert not any(value in text for value in PERSONAL_VALUES)
    for field in (
        "requester_name",
        "id_number",
        "postal_address",
        "email",
        "urgency_reason",
        "id_document",
        "language",
    ):
        assert f'"{field}"' not in text


def test_anyone_reads_the_register_without_personal_data(tetouan, client_for, requests):
    client = client_for(tetouan)
    listed = client.get("/api/information-requests/").json()
    assert listed["count"] == 2
    assert_no_personal_data(listed)
    detail = client.get(f"/api/information-requests/{requests['answered'].pk}/").json()
    assert_no_personal_data(detail)
    assert detail["state"] == "answered" and detail["answer_text"] == "اللائحة منشورة."
    assert detail["due_on"] == "2026-04-17" and detail["answered_on_time"] is True
    assert [step["step"] for step in detail["steps"]] == [Step.FILED, Step.ANSWERED]
    assert client.get("/api/information-requests/", {"state": "answered"}).json()["count"] == 1
    assert client.get("/api/information-requests/", {"overdue": "true"}).json()["count"] == 0
    assert client.get("/api/information-requests/", {"state": "lost"}).status_code == 400


def test_anyone_files_a_request_and_gets_its_reference_and_due_date_only(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tetouan).post(
            "/api/information-requests/",
            {**NEW, "information_wanted": "<script>x()</script>أطلب لائحة الصفقات"},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    with in_member(tetouan):
        information_request = InformationRequest.objects.get()
    assert response.json() == {
        "reference": information_request.reference,
        "due_on": information_request.due_on.isoformat(),
    }
    assert information_request.information_wanted == "أطلب لائحة الصفقات"
    assert len(mail.outbox) == 1


def test_a_filing_is_validated(tetouan, client_for, in_member):
    client = client_for(tetouan)
    for change, field in (
        ({"email": ""}, "email"),
        ({"id_number": "؟؟"}, "id_number"),
        ({"is_urgent": True, "urgency_reason": ""}, "urgency_reason"),
        ({"information_wanted": "<b></b>"}, "information_wanted"),
    ):
        response = client.post(
            "/api/information-requests/", {**NEW, **change}, content_type="application/json"
        )
        assert response.status_code == 400 and field in response.json(), (change, response.json())
    with in_member(tetouan):
        assert not InformationRequest.objects.exists()


def test_filings_through_the_api_are_rate_limited(tetouan, client_for, rate_limited):
    email = f"{uuid.uuid4().hex}@example.ma"
    address = f"10.3.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    statuses = [
        client_for(tetouan)
        .post(
            "/api/information-requests/",
            {**NEW, "email": email},
            content_type="application/json",
            REMOTE_ADDR=address,
        )
        .status_code
        for _ in range(rate_limited.per_email + 1)
    ]
    assert statuses == [201] * rate_limited.per_email + [429]


def test_anonymous_visitors_read_no_personal_data_and_take_no_step(tetouan, client_for, requests):
    client = client_for(tetouan)
    pk = requests["open"].pk
    assert client.get("/api/information-requests/staff/").status_code in (401, 403)
    assert client.get(f"/api/information-requests/{pk}/staff/").status_code in (401, 403)
    assert client.post(
        f"/api/information-requests/{pk}/transition/",
        {"action": "start"},
        content_type="application/json",
    ).status_code in (401, 403)


def test_staff_read_the_requester_data(tetouan, staff_client, requests):
    client = staff_client(tetouan, "moderator")
    listed = client.get("/api/information-requests/staff/").json()
    assert listed["count"] == 2 and listed["results"][0]["email"] == "amina@example.ma"
    detail = client.get(f"/api/information-requests/{requests['open'].pk}/staff/").json()
    # The name to answer; the ID number is the focal point's alone (personal_data.py).
    assert detail["requester_name"] == "أمينة الفاسي" and "id_number" not in detail
    assert detail["steps"][0]["step"] == Step.FILED
    # Moderators read; they do not act.
    assert (
        client.post(
            f"/api/information-requests/{requests['open'].pk}/transition/",
            {"action": "start"},
            content_type="application/json",
        ).status_code
        == 403
    )


@pytest.mark.parametrize("role", ["editor", "focal_point"])
def test_editors_and_focal_points_take_the_steps(
    tetouan, in_member, staff_client, requests, role, django_capture_on_commit_callbacks
):
    client = staff_client(tetouan, role)
    url = f"/api/information-requests/{requests['open'].pk}/transition/"
    started = client.post(
        url, {"action": "start", "note": "أحيل على المصلحة"}, content_type="application/json"
    )
    assert started.status_code == 200 and started.json()["state"] == State.IN_PROGRESS
    assert (
        started.json()["steps"][-1]["by"]
        == {"focal_point": "نقطة الارتكاز", "editor": "محرر", "moderator": "مشرف"}[role]
    )
    with django_capture_on_commit_callbacks(execute=True):
        extended = client.post(
            url, {"action": "extend", "reason": "حجم المعلومات"}, content_type="application/json"
        )
    assert extended.status_code == 200 and extended.json()["is_extended"] is True
    assert "حجم المعلومات" in mail.outbox[-1].body
    again = client.post(
        url, {"action": "extend", "reason": "مرة ثانية"}, content_type="application/json"
    )
    assert again.status_code == 400 and "due_on" in again.json()
    answered = client.post(
        url, {"action": "answer", "answer_text": "الجواب", "answer_file": pdf_file()}
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == State.ANSWERED
    assert answered.json()["answer_file"].endswith(".pdf")
    summary = client.patch(
        f"/api/information-requests/{requests['open'].pk}/staff/",
        {"public_summary": "طلب وثائق"},
        content_type="application/json",
    )
    assert summary.status_code == 200 and summary.json()["subject"] == "طلب وثائق"


def test_steps_are_validated(tetouan, staff_client, requests):
    client = staff_client(tetouan, "editor")
    url = f"/api/information-requests/{requests['open'].pk}/transition/"
    assert client.post(url, {"action": "fly"}, content_type="application/json").status_code == 400
    no_ground = client.post(url, {"action": "refuse"}, content_type="application/json")
    assert no_ground.status_code == 400 and "refusal_ground" in no_ground.json()
    no_answer = client.post(url, {"action": "answer"}, content_type="application/json")
    assert no_answer.status_code == 400 and "answer_text" in no_answer.json()
    disguised = client.post(url, {"action": "answer", "answer_file": pdf_file("a.pdf", PNG)})
    assert disguised.status_code == 400 and "answer_file" in disguised.json()
    withdrawn = client.post(url, {"action": "withdraw"}, content_type="application/json")
    assert withdrawn.json()["state"] == State.WITHDRAWN
    late = client.post(
        url, {"action": "answer", "answer_text": "الجواب"}, content_type="application/json"
    )
    assert late.status_code == 400 and "state" in late.json()
    refused = client.post(
        f"/api/information-requests/{requests['answered'].pk}/transition/",
        {"action": "refuse", "refusal_ground": RefusalGround.NATIONAL_DEFENCE},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert (
        client.post(
            "/api/information-requests/999999/transition/",
            {"action": "start"},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_the_schema_describes_the_api(tetouan, client_for):
    response = client_for(tetouan).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"get", "post"} <= set(paths["/api/information-requests/"])
    assert "get" in paths["/api/information-requests/{id}/"]
    assert {"get", "patch"} <= set(paths["/api/information-requests/{id}/staff/"])
    assert "post" in paths["/api/information-requests/{id}/transition/"]
    assert (
        "multipart/form-data"
        in paths["/api/information-requests/{id}/transition/"]["post"]["requestBody"]["content"]
    )


ENUM_NAME_OVERRIDES = {  # to add to SPECTACULAR_SETTINGS (the lead's settings)
    "InformationRequestStateEnum": "tenants.information_requests.models.State",
    "InformationRequestStepEnum": "tenants.information_requests.models.Step",
    "RefusalGroundEnum": "tenants.information_requests.models.RefusalGround",
    "IdDocumentEnum": "tenants.information_requests.models.IdDocument",
    "InformationRequestActionEnum": "tenants.information_requests.models.Transition",
}


@pytest.fixture
def enum_names(settings, monkeypatch):
    """The settings' enum names with the ones proposed above (drf-spectacular reads its
    settings once, and caches the names)."""
    monkeypatch.setattr(
        spectacular_settings,
        "ENUM_NAME_OVERRIDES",
        {**settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"], **ENUM_NAME_OVERRIDES},
    )
    _load_enum_name_overrides.cache_clear()
    yield
    _load_enum_name_overrides.cache_clear()


def test_the_schema_has_no_warnings(capsys, enum_names):
    """The information requests API alone, with the enum names proposed for the settings."""
    GENERATOR_STATS.reset()  # it tells a warning once per process
    generator = SchemaGenerator(
        patterns=[path("api/", include("tenants.information_requests.api_urls"))]
    )
    schema = generator.get_schema(request=None, public=True)
    assert len(schema["paths"]) == 7
    assert capsys.readouterr().err == ""
    assert set(ENUM_NAME_OVERRIDES) <= set(schema["components"]["schemas"])
