"""A meeting of Tétouan never shows on Tanger's site, and Tétouan's staff cannot write there."""

import pytest
from rest_framework.authtoken.models import Token

from tenants.meetings.models import Meeting
from tenants.meetings.tests.factories import meeting_in, staff_user

TITLE = "ورشة تطوان للإعداد المشترك"


@pytest.fixture
def tetouan_meeting(tetouan, in_member) -> Meeting:
    with in_member(tetouan):
        return meeting_in(3, title_ar=TITLE, title_fr="Atelier de Tétouan")


def test_a_meeting_of_tetouan_is_not_on_tangers_pages(tetouan, tanger, client_for, tetouan_meeting):
    assert TITLE in client_for(tetouan).get("/meetings/").content.decode()
    assert TITLE not in client_for(tanger).get("/meetings/").content.decode()
    assert TITLE not in client_for(tanger).get("/").content.decode()
    assert client_for(tanger).get(f"/meetings/{tetouan_meeting.pk}/").status_code == 404


def test_a_meeting_of_tetouan_is_not_in_tangers_api(tanger, client_for, tetouan_meeting):
    client = client_for(tanger)
    assert client.get("/api/meetings/").json()["count"] == 0
    assert client.get(f"/api/meetings/{tetouan_meeting.pk}/").status_code == 404


def test_tetouans_staff_cannot_write_through_tangers_api(
    tetouan, tanger, in_member, client_for, staff_client, tetouan_meeting
):
    new = {"kind": "training", "title_ar": "تكوين", "starts_at": "2030-01-01T10:00:00"}
    tetouan_browser = staff_client(tetouan, "editor")
    assert (
        tetouan_browser.post("/api/meetings/", new, content_type="application/json").status_code
        == 201
    )
    with in_member(tetouan):
        token = Token.objects.create(user=staff_user("focal_point", "focal")).key

    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_browser.cookies  # the same session cookie, replayed
    assert (
        tanger_browser.post("/api/meetings/", new, content_type="application/json").status_code
        == 403
    )
    assert tanger_browser.delete(f"/api/meetings/{tetouan_meeting.pk}/").status_code == 403
    for member, expected in ((tanger, 403), (tetouan, 201)):  # the token means nothing on Tanger
        response = client_for(member).post(
            "/api/meetings/",
            new,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
        )
        assert response.status_code == expected
    with in_member(tanger):
        assert not Meeting.objects.exists()
    with in_member(tetouan):
        assert Meeting.objects.count() == 3
