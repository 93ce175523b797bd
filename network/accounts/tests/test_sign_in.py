"""Signing in to the network: network accounts on the network host only."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from network.accounts.services import network_account_create
from twofactor.testing import totp_code

PASSWORD = "Tetouan-2026-openness"


@pytest.fixture(autouse=True)
def fresh_attempt_counts():
    """Attempts are counted in the cache, which outlives a test's transaction."""
    from django.core.cache import cache

    cache.delete_pattern("*signin:network-sign-in*")


@pytest.fixture
def directorate(db):
    """A directorate account with its authenticator (two-factor sign-in is required)."""
    from twofactor.services import totp_device_start

    user = network_account_create(email="dir@dgct.gov.ma", role="directorate", password=PASSWORD)
    device = totp_device_start(user=user)
    device.confirmed = True
    device.save()
    return user


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post("/sign-in/", {"username": email, "password": password, **extra})


def give_code(client, user, next_url=""):
    """The second step: the code the account's authenticator shows now."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return client.post("/two-factor/code/", {"code": totp_code(device), "next": next_url})


def test_the_sign_in_page_is_arabic_first(client_for, db):
    page = client_for(None).get("/sign-in/").content.decode()
    assert 'lang="ar" dir="rtl"' in page and "الدخول إلى فضاء الشبكة" in page
    browser = client_for(None)
    browser.cookies["django_language"] = "fr"
    assert "Connexion au réseau" in browser.get("/sign-in/").content.decode()


def test_the_directorate_lands_on_the_console(client_for, directorate):
    browser = client_for(None)
    response = sign_in(browser, "DIR@dgct.gov.ma")
    assert response.status_code == 302 and response["Location"] == "/console/"
    # The password alone opens nothing: the code step comes first, then back to the console.
    assert browser.get("/console/")["Location"] == "/two-factor/code/?next=%2Fconsole%2F"
    assert give_code(browser, directorate, "/console/")["Location"] == "/console/"
    assert browser.get("/console/").status_code == 200
    # The network back office is theirs too.
    assert browser.get("/admin/").status_code == 200
    browser.post("/sign-out/")
    assert browser.get("/console/").status_code == 302


def test_a_regional_focal_point_lands_on_their_region(client_for, network, db):
    from twofactor.testing import two_factor_signed_in

    user = network_account_create(
        email="fp@dgct.gov.ma", role="regional_focal_point", region_code="01", password=PASSWORD
    )
    response = sign_in(client_for(None), "fp@dgct.gov.ma")
    assert response.status_code == 302 and "01" in response["Location"]
    browser = two_factor_signed_in(client_for(None), user)
    assert browser.get("/console/").status_code == 403
    admin = browser.get("/admin/")  # the network back office is the directorate's
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_a_safe_next_is_followed_and_an_unsafe_one_is_not(client_for, directorate):
    assert (
        sign_in(client_for(None), directorate.email, next="/console/members/")["Location"]
        == "/console/members/"
    )
    assert (
        sign_in(client_for(None), directorate.email, next="https://evil.example/")["Location"]
        == "/console/"
    )


def test_wrong_passwords_and_accounts_without_a_role_are_refused_in_arabic(client_for, directorate):
    browser = client_for(None)
    wrong = sign_in(browser, directorate.email, "nope")
    assert wrong.status_code == 200
    assert "لا يطابقان أي حساب في الشبكة" in wrong.content.decode()
    User.objects.create_user("plain@dgct.gov.ma", password=PASSWORD)
    no_role = sign_in(browser, "plain@dgct.gov.ma")
    assert "ليس لهذا الحساب أي دور في الشبكة" in no_role.content.decode()
    assert browser.get("/console/").status_code == 302


def test_member_staff_credentials_do_not_open_the_network(client_for, tetouan, in_member, db):
    with in_member(tetouan):
        StaffMembership = apps.get_model("site", "StaffMembership")  # a member's model
        staff = User.objects.create_user(
            "focal@tetouan.ma", email="focal@tetouan.ma", password=PASSWORD, is_staff=True
        )
        StaffMembership.objects.create(user=staff, role="focal_point")
    # Good on Tétouan's own back office...
    member_browser = client_for(tetouan)
    assert (
        member_browser.post(
            "/admin/login/", {"username": "focal@tetouan.ma", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert member_browser.get("/admin/").status_code == 200
    # ...worthless on the network's host, with the same session cookie or the same password.
    member_browser.defaults["HTTP_HOST"] = "localhost"
    assert member_browser.get("/console/").status_code == 302
    assert member_browser.get("/api/members/").status_code == 403
    assert member_browser.get("/admin/").status_code == 302
    refused = sign_in(client_for(None), "focal@tetouan.ma")
    assert "لا يطابقان أي حساب في الشبكة" in refused.content.decode()
    # And the network's sign-in page does not exist on a member's host.
    assert client_for(tetouan).get("/sign-in/").status_code == 404


def test_ten_failures_lock_the_account_from_that_address_and_say_for_how_long(
    client_for, directorate
):
    browser = client_for(None)
    for _ in range(10):
        sign_in(browser, directorate.email, "wrong")
    blocked = sign_in(browser, directorate.email)  # even the right password, for a while
    page = blocked.content.decode()
    assert "محاولات كثيرة" in page and "يرجى إعادة المحاولة بعد 15 دقيقة" in page
    assert browser.get("/console/").status_code == 302


def test_a_regional_focal_point_is_sent_to_their_pages_not_looped(client_for, network, db):
    from twofactor.testing import two_factor_signed_in

    user = network_account_create(
        email="fp@dgct.gov.ma", role="regional_focal_point", region_code="01", password=PASSWORD
    )
    browser = two_factor_signed_in(client_for(None), user)
    door = browser.get("/admin/login/?next=/admin/")
    assert door.status_code == 302 and door["Location"] == "/comparison/01/"
    page = browser.get(door["Location"]).content.decode()
    assert 'role="status"' in page and "لا يتيح دوركم فتح الإدارة الخلفية للشبكة" in page


def test_the_operators_command_creates_accounts(network, db):
    from django.core.management import CommandError, call_command

    call_command(
        "create_network_account",
        "nord@dgct.gov.ma",
        role="regional_focal_point",
        region_code="01",
        password=PASSWORD,
    )
    user = User.objects.get(username="nord@dgct.gov.ma")
    assert user.network_role.region_id == "01" and user.check_password(PASSWORD)
    with pytest.raises(CommandError):
        call_command("create_network_account", "x@dgct.gov.ma", role="regional_focal_point")


def test_the_back_office_signs_in_through_the_network_sign_in(client_for, directorate):
    browser = client_for(None)
    login = browser.get("/admin/login/?next=/admin/")
    assert login.status_code == 302 and login["Location"] == "/sign-in/?next=/admin/"
    assert sign_in(browser, directorate.email, next="/admin/")["Location"] == "/admin/"
    assert browser.get("/admin/")["Location"] == "/two-factor/code/?next=%2Fadmin%2F"
    assert give_code(browser, directorate, "/admin/")["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200


def test_network_accounts_are_deactivated_not_deleted(network_client):
    from django.contrib.auth.models import User

    client = network_client("directorate")
    other = User.objects.create_user("former@dgct.gov.ma", is_staff=True)
    page = client.get(f"/admin/auth/user/{other.pk}/delete/")
    assert page.status_code == 403  # refused plainly, not a 500
    assert User.objects.filter(pk=other.pk).exists()
