"""Registrations of Tétouan stay at Tétouan: not on Tanger's pages or API, a cancel link of
Tétouan is worthless at Tanger, and Tétouan's staff read nothing there."""

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token

from tenants.meetings.models import Registration
from tenants.meetings.services import registration_create
from tenants.meetings.tests.factories import meeting_in, registration_for, staff_user, unique_email
from kernel.signed_links import LinkRefused
from tenants.meetings.tokens import cancel_token_make, cancel_token_read

NAME = "خديجة الإدريسي"


@pytest.fixture
def tetouan_registration(tetouan, in_member) -> Registration:
    with in_member(tetouan):
        return registration_for(
            meeting_in(4, capacity=10), name=NAME, email=unique_email("khadija")
        )


def test_a_registration_of_tetouan_is_nowhere_at_tanger(
    tetouan, tanger, in_member, visitor, staff_client, tetouan_registration
):
    meeting_pk = tetouan_registration.meeting_id
    browser = visitor(tanger)
    assert browser.get(f"/meetings/{meeting_pk}/register/").status_code == 404
    assert (
        browser.post(
            f"/api/meetings/{meeting_pk}/register/",
            {"name": "x", "email": unique_email(), "category": "media"},
            content_type="application/json",
        ).status_code
        == 404
    )
    tanger_staff = staff_client(tanger, "focal_point")
    assert tanger_staff.get(f"/api/meetings/{meeting_pk}/registrations/").status_code == 404
    listed = tanger_staff.get("/admin/meetings/registration/")
    assert listed.status_code == 200 and NAME not in listed.content.decode()
    with in_member(tanger):
        assert not Registration.objects.exists()


def test_a_cancel_link_of_tetouan_is_worthless_at_tanger(
    tetouan, tanger, in_member, visitor, tetouan_registration, django_capture_on_commit_callbacks
):
    with in_member(tanger):
        # A registration at Tanger with the very same id as Tétouan's.
        namesake = registration_for(meeting_in(4), email=unique_email())
        Registration.objects.filter(pk=namesake.pk).update(id=tetouan_registration.pk)
    with in_member(tetouan):
        token = cancel_token_make(tetouan_registration)
    with in_member(tanger), pytest.raises(LinkRefused):
        cancel_token_read(token)
    path = f"/meetings/registration/{token}/cancel/"
    assert visitor(tanger).get(path).status_code == 404
    assert visitor(tanger).post(path).status_code == 404
    with in_member(tanger):
        assert not Registration.objects.get(pk=tetouan_registration.pk).is_cancelled
    assert visitor(tetouan).post(path).status_code == 200  # at home, it works
    with in_member(tetouan):
        assert Registration.objects.get(pk=tetouan_registration.pk).is_cancelled


def test_the_confirmation_links_to_the_members_own_site(
    tetouan, in_member, django_capture_on_commit_callbacks
):
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        registration_create(
            meeting=meeting_in(4),
            name=NAME,
            email=unique_email(),
            category="media",
            site_url="http://tetouan.localhost",
        )
    assert "http://tetouan.localhost/meetings/registration/" in mail.outbox[0].body


def test_tetouans_staff_read_no_registration_at_tanger(
    tetouan, tanger, in_member, client_for, staff_client, tetouan_registration
):
    with in_member(tanger):
        tanger_meeting = meeting_in(4)
        registration_for(tanger_meeting, name="سعيد من طنجة")
    path = f"/api/meetings/{tanger_meeting.pk}/registrations/"
    tetouan_browser = staff_client(tetouan, "focal_point")
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_browser.cookies  # the same session cookie, replayed
    assert tanger_browser.get(path).status_code in (401, 403)
    with in_member(tetouan):
        token = Token.objects.create(user=staff_user("focal_point", "focal")).key
    response = client_for(tanger).get(path, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code in (401, 403)
    assert "سعيد من طنجة" not in response.content.decode()
