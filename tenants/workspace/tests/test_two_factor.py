"""Two-factor sign-in offered to a member's staff: turned on and off on the workspace's page;
once on, the workspace's sign-in and the back office's ask for a code. Devices live in the
member's schema: one member's authenticator never verifies at another."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.site.models import StaffMembership
from twofactor.testing import totp_code_for_secret

PASSWORD = "Tetouan-2026-openness"
EMAIL = "amina@tetouan.example.ma"


@pytest.fixture(autouse=True)
def fresh_attempt_counts(tetouan, tanger, in_member):
    for member in (tetouan, tanger):
        with in_member(member):
            cache.delete_pattern("*signin:staff-sign-in*")


@pytest.fixture
def no_throttle(settings):
    """django-otp's per-device wait after a wrong code (1 s, 2 s…), off where it is not the
    point of the test."""
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def focal_point_at(member, in_member, email=EMAIL, role="focal_point") -> User:
    with in_member(member):
        user = User.objects.create_user(email, email=email, password=PASSWORD, is_staff=True)
        StaffMembership.objects.create(user=user, role=role)
    return user


def signed_in(client_for, member, email=EMAIL):
    browser = client_for(member)
    response = browser.post("/staff/sign-in/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return browser


def turned_on(browser) -> str:
    """Through the workspace's page: start, then the first code; returns the secret."""
    browser.post("/staff/two-factor/", {"action": "start"})
    page = browser.get("/staff/two-factor/").content.decode()
    secret = re.search(r'id="two-factor-secret">([A-Z2-7]+)<', page).group(1)
    done = browser.post(
        "/staff/two-factor/",
        {"action": "confirm", "code": totp_code_for_secret(secret)},
        follow=True,
    )
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", done.content.decode())) == 10
    return secret


def test_the_page_is_offered_and_off_by_default(tetouan, in_member, client_for):
    focal_point_at(tetouan, in_member)
    browser = signed_in(client_for, tetouan)
    assert browser.get("/staff/").status_code == 200  # no code asked while it is off
    inbox = browser.get("/staff/").content.decode()
    assert 'href="/staff/two-factor/"' in inbox  # in the workspace's menu
    page = browser.get("/staff/two-factor/").content.decode()
    assert "تفعيل التحقق بخطوتين" in page and "يفرض دوركم" not in page


def test_once_on_the_workspace_sign_in_asks_the_code(tetouan, in_member, client_for, no_throttle):
    focal_point_at(tetouan, in_member)
    secret = turned_on(signed_in(client_for, tetouan))
    browser = signed_in(client_for, tetouan)
    response = browser.get("/staff/")
    assert response["Location"] == "/staff/two-factor/code/?next=%2Fstaff%2F"
    assert browser.get("/staff/requests/").status_code == 302
    wrong = browser.post("/staff/two-factor/code/", {"code": "000000", "next": "/staff/"})
    assert wrong.status_code == 200 and "هذا الرمز غير صحيح" in wrong.content.decode()
    right = browser.post(
        "/staff/two-factor/code/",
        {"code": totp_code_for_secret(secret, steps_ahead=1), "next": "/staff/"},
    )
    assert right["Location"] == "/staff/"
    assert browser.get("/staff/").status_code == 200


def test_once_on_the_back_office_sign_in_asks_the_code(tetouan, in_member, client_for, no_throttle):
    focal_point_at(tetouan, in_member)
    secret = turned_on(signed_in(client_for, tetouan))
    browser = client_for(tetouan)
    login = browser.post(
        "/admin/login/?next=/admin/", {"username": EMAIL, "password": PASSWORD, "next": "/admin/"}
    )
    assert login.status_code == 302
    response = browser.get("/admin/")
    assert response["Location"] == "/staff/two-factor/code/?next=%2Fadmin%2F"
    assert browser.get("/admin/site/siteprofile/").status_code == 302
    # The member's staff API with this session is anonymous's until the code.
    assert browser.get("/api/information-requests/staff/").status_code in (401, 403)
    right = browser.post(
        "/staff/two-factor/code/",
        {"code": totp_code_for_secret(secret, steps_ahead=1), "next": "/admin/"},
    )
    assert right["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200
    assert browser.get("/api/information-requests/staff/").status_code == 200


def test_a_device_of_one_member_never_verifies_at_another(
    tetouan, tanger, in_member, client_for, no_throttle
):
    # The same person on the staff of both members: two accounts, one per schema.
    focal_point_at(tetouan, in_member)
    at_tanger = focal_point_at(tanger, in_member)
    tetouan_secret = turned_on(signed_in(client_for, tetouan))
    # Tétouan's authenticator means nothing at Tanger: its sign-in asks no code...
    with in_member(tanger):
        assert not TOTPDevice.objects.filter(user_id=at_tanger.pk).exists()
    tanger_browser = signed_in(client_for, tanger)
    assert tanger_browser.get("/staff/").status_code == 200
    # ...and once Tanger's account has its own, Tétouan's codes are refused there.
    tanger_secret = turned_on(tanger_browser)
    assert tanger_secret != tetouan_secret
    browser = signed_in(client_for, tanger)
    refused = browser.post(
        "/staff/two-factor/code/", {"code": totp_code_for_secret(tetouan_secret, steps_ahead=1)}
    )
    assert refused.status_code == 200
    assert browser.get("/staff/")["Location"].startswith("/staff/two-factor/code/")
    accepted = browser.post(
        "/staff/two-factor/code/", {"code": totp_code_for_secret(tanger_secret, steps_ahead=1)}
    )
    assert accepted.status_code == 302 and browser.get("/staff/").status_code == 200


def test_failed_codes_count_per_member(tetouan, tanger, in_member, client_for, no_throttle):
    focal_point_at(tetouan, in_member)
    focal_point_at(tanger, in_member)
    tetouan_secret = turned_on(signed_in(client_for, tetouan))
    tanger_secret = turned_on(signed_in(client_for, tanger))
    browser = signed_in(client_for, tetouan)
    for _ in range(10):
        browser.post("/staff/two-factor/code/", {"code": "000000"})
    blocked = browser.post(
        "/staff/two-factor/code/", {"code": totp_code_for_secret(tetouan_secret, steps_ahead=1)}
    )
    assert "محاولات كثيرة" in blocked.content.decode()
    # The same e-mail at Tanger, from the same address, is not touched.
    other = signed_in(client_for, tanger)
    assert (
        other.post(
            "/staff/two-factor/code/", {"code": totp_code_for_secret(tanger_secret, steps_ahead=1)}
        ).status_code
        == 302
    )


def test_turning_it_off_needs_a_code_then_the_password_is_enough(
    tetouan, in_member, client_for, no_throttle
):
    user = focal_point_at(tetouan, in_member)
    browser = signed_in(client_for, tetouan)
    secret = turned_on(browser)
    page = browser.get("/staff/two-factor/").content.decode()
    assert "تبقّت 10 رموز استرداد" in page and 'value="turn-off"' in page
    browser.post("/staff/two-factor/", {"action": "turn-off", "code": "000000"})
    with in_member(tetouan):
        assert TOTPDevice.objects.filter(user_id=user.pk).exists()
    browser.post(
        "/staff/two-factor/",
        {"action": "turn-off", "code": totp_code_for_secret(secret, steps_ahead=1)},
    )
    with in_member(tetouan):
        assert not TOTPDevice.objects.filter(user_id=user.pk).exists()
    assert signed_in(client_for, tetouan).get("/staff/").status_code == 200


def test_the_directorate_s_assistance_account_has_no_such_page(tetouan, staff_client):
    browser = staff_client(tetouan, "network_assistance")
    assert browser.get("/staff/two-factor/").status_code == 403


def test_an_editor_may_turn_it_on_too(tetouan, in_member, client_for, no_throttle):
    focal_point_at(tetouan, in_member, email="editor@tetouan.example.ma", role="editor")
    browser = signed_in(client_for, tetouan, email="editor@tetouan.example.ma")
    turned_on(browser)
    assert browser.get("/staff/").status_code == 200  # the session that turned it on gave a code
