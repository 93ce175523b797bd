"""The back office: a meeting with its attendance and photos, validated, files cleaned up."""

from pathlib import Path

import pytest

from tenants.meetings.models import Meeting
from tenants.meetings.services import meeting_add_photo
from tenants.meetings.tests.factories import meeting_in, png


def form(
    meeting: dict, attendance: list[dict] = (), photos: list[dict] = (), initial_photos: int = 0
) -> dict:
    """The POST of the meeting's change form with its two inlines."""
    data = {
        "kind": "cocreation_workshop",
        "title_ar": "",
        "title_fr": "",
        "place": "",
        "online_link": "",
        "agenda_ar": "",
        "agenda_fr": "",
        "ends_at_0": "",
        "ends_at_1": "",
        **meeting,
    }
    for prefix, rows, initial in (
        ("attendance", attendance, 0),
        ("photos", photos, initial_photos),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": initial,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


@pytest.fixture
def admin(tetouan, staff_client):
    return staff_client(tetouan, "editor")


def test_the_list_filters_by_kind_and_time(tetouan, in_member, admin):
    with in_member(tetouan):
        meeting_in(-2, title_fr="Formation passée", kind=Meeting.Kind.TRAINING)
        meeting_in(2, title_fr="Formation à venir", kind=Meeting.Kind.TRAINING)
    page = admin.get("/admin/meetings/meeting/", {"kind__exact": "training", "when": "past"})
    assert page.status_code == 200
    assert "Formation passée" in page.content.decode()
    assert "Formation à venir" not in page.content.decode()


def test_a_meeting_is_added_with_its_attendance(tetouan, in_member, admin):
    response = admin.post(
        "/admin/meetings/meeting/add/",
        form(
            {"title_ar": "ورشة", "starts_at_0": "2030-03-04", "starts_at_1": "10:00"},
            attendance=[
                {"category": "council", "women": 2, "men": 5},
                {"category": "media", "women": 1, "men": 0},
            ],
        ),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    with in_member(tetouan):
        meeting = Meeting.objects.get()
        assert sorted((row.category, row.total) for row in meeting.attendance.all()) == [
            ("council", 7),
            ("media", 1),
        ]


def test_a_meeting_that_ends_before_it_starts_is_not_saved(tetouan, in_member, admin):
    response = admin.post(
        "/admin/meetings/meeting/add/",
        form(
            {
                "title_ar": "ورشة",
                "starts_at_0": "2030-03-04",
                "starts_at_1": "10:00",
                "ends_at_0": "2030-03-04",
                "ends_at_1": "09:00",
            }
        ),
    )
    assert response.status_code == 200  # the form again, with the error
    with in_member(tetouan):
        assert not Meeting.objects.exists()


def test_a_change_goes_through_the_services_and_a_removed_photo_leaves_storage(
    tetouan, in_member, admin, media_root, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        meeting = meeting_in(-1, title_ar="ورشة")
        photo = meeting_add_photo(meeting=meeting, image=png())
        photo_path = Path(photo.image.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            f"/admin/meetings/meeting/{meeting.pk}/change/",
            form(
                {
                    "title_ar": "ورشة",
                    "place": "دار الثقافة",
                    "starts_at_0": "2025-03-04",
                    "starts_at_1": "10:00",
                },
                photos=[{"id": photo.pk, "meeting": meeting.pk, "caption": "", "DELETE": "on"}],
                initial_photos=1,
            ),
        )
    assert response.status_code == 302
    with in_member(tetouan):
        assert Meeting.objects.get().place == "دار الثقافة"
        assert not meeting.photos.exists()
    assert not photo_path.exists()
