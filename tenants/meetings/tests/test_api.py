"""The API: anyone reads, editors and focal points write, moderators only read."""

import pytest

from tenants.meetings.models import Attendance, Meeting
from tenants.meetings.services import meeting_record_attendance
from tenants.meetings.tests.factories import meeting_in, png

NEW_MEETING = {
    "kind": "consultation",
    "title_ar": "استشارة عمومية حول برنامج الانفتاح",
    "starts_at": "2030-10-15T10:00:00",
    "place": "قاعة المجلس",
}


@pytest.fixture
def meetings(tetouan, in_member) -> dict[str, Meeting]:
    with in_member(tetouan):
        past = meeting_in(-4, title_fr="Passée")
        meeting_record_attendance(
            meeting=past,
            counts={Attendance.Category.SCHOOLS: (8, 6), Attendance.Category.STAFF: (2, 3)},
        )
        return {
            "past": past,
            "upcoming": meeting_in(4, title_fr="À venir", kind=Meeting.Kind.TRAINING),
        }


def test_anyone_reads_the_list_with_filters(tetouan, client_for, meetings):
    client = client_for(tetouan)
    everything = client.get("/api/meetings/").json()
    assert everything["count"] == 2
    assert [m["title_fr"] for m in everything["results"]] == ["À venir", "Passée"]
    assert [m["title_fr"] for m in client.get("/api/meetings/?when=past").json()["results"]] == [
        "Passée"
    ]
    assert client.get("/api/meetings/?kind=training").json()["count"] == 1
    assert client.get("/api/meetings/?when=soon").status_code == 400


def test_anyone_reads_a_meeting_with_its_attendance(tetouan, client_for, meetings):
    data = client_for(tetouan).get(f"/api/meetings/{meetings['past'].pk}/").json()
    assert data["is_held"] is True
    assert [(row["category"], row["total"]) for row in data["attendance"]] == [
        ("schools", 14),
        ("staff", 5),
    ]
    assert data["attendance_totals"] == {"women": 10, "men": 9, "total": 19}
    assert data["photos"] == [] and data["minutes"] is None


def test_anonymous_visitors_cannot_write(tetouan, client_for, meetings):
    client = client_for(tetouan)
    pk = meetings["past"].pk
    assert client.post(
        "/api/meetings/", NEW_MEETING, content_type="application/json"
    ).status_code in (401, 403)
    assert client.patch(
        f"/api/meetings/{pk}/", {"place": "x"}, content_type="application/json"
    ).status_code in (401, 403)
    assert client.delete(f"/api/meetings/{pk}/").status_code in (401, 403)


@pytest.mark.parametrize("role", ["editor", "focal_point"])
def test_editors_and_focal_points_write(tetouan, in_member, staff_client, role):
    client = staff_client(tetouan, role)
    created = client.post("/api/meetings/", NEW_MEETING, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["starts_at"] == "2030-10-15T10:00:00+01:00"  # Casablanca time
    changed = client.patch(
        f"/api/meetings/{pk}/",
        {"title_fr": "Consultation publique"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["title_fr"] == "Consultation publique"
    assert client.delete(f"/api/meetings/{pk}/").status_code == 204
    with in_member(tetouan):
        assert not Meeting.objects.filter(pk=pk).exists()


def test_model_validation_answers_400_with_its_messages(tetouan, staff_client, media_root):
    client = staff_client(tetouan, "editor")
    backwards = client.post(
        "/api/meetings/",
        {**NEW_MEETING, "ends_at": "2030-10-15T09:00:00"},
        content_type="application/json",
    )
    assert backwards.status_code == 400 and "ends_at" in backwards.json()
    untitled = client.post(
        "/api/meetings/", {**NEW_MEETING, "title_ar": ""}, content_type="application/json"
    )
    assert untitled.status_code == 400 and "title_ar" in untitled.json()
    disguised = client.post("/api/meetings/", {**NEW_MEETING, "minutes": png("minutes.pdf")})
    assert disguised.status_code == 400 and "minutes" in disguised.json()


def test_moderators_only_read(tetouan, in_member, staff_client, meetings):
    client = staff_client(tetouan, "moderator")
    pk = meetings["past"].pk
    assert client.get(f"/api/meetings/{pk}/").status_code == 200
    assert (
        client.post("/api/meetings/", NEW_MEETING, content_type="application/json").status_code
        == 403
    )
    assert (
        client.patch(
            f"/api/meetings/{pk}/", {"place": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert client.delete(f"/api/meetings/{pk}/").status_code == 403
    with in_member(tetouan):
        assert Meeting.objects.count() == 2


def test_the_schema_describes_the_meetings_api(tetouan, client_for):
    response = client_for(tetouan).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"get", "post"} <= set(paths["/api/meetings/"])
    assert {"get", "put", "patch", "delete"} <= set(paths["/api/meetings/{id}/"])
