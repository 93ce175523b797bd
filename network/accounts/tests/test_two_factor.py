"""Two-factor sign-in of network accounts (public schema): required of the directorate and the
regional focal points, before any network page; codes checked by django-otp, failures counted
in the sign-in limiter."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.accounts.services import network_account_create
from twofactor.testing import totp_code, totp_code_for_secret, two_factor_signed_in

PASSWORD = "Tetouan-2026-openness"


@pytest.fixture(autouse=True)
def fresh_attempt_counts():
    """Attempts are counted in the cache, which outlives a test's transaction."""
    cache.delete_pattern("*signin:network-sign-in*")


@pytest.fixture
def directorate(db):
    return network_account_create(email="dir@dgct.gov.ma", role="directorate", password=PASSWORD)


def signed_in_with_password(client_for, email="dir@dgct.gov.ma"):
    browser = client_for(None)
    response = browser.post("/sign-in/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def enrolled(browser, user) -> TOTPDevice:
    """Through the set-up page: start, then the first code of the secret shown as text."""
    assert browser.post("/two-factor/", {"action": "start"}).status_code == 302
    page = browser.get("/two-factor/").content.decode()
    secret = re.search(r'id="two-factor-secret">([A-Z2-7]+)<', page).group(1)
    browser.post("/two-factor/", {"action": "confirm", "code": totp_code_for_secret(secret)})
    return TOTPDevice.objects.get(user=user, confirmed=True)


def give_code(browser, code, next_url="/console/"):
    return browser.post("/two-factor/code/", {"code": code, "next": next_url})


NETWORK_PAGES = [
    "/console/",
    "/console/members/",
    "/dashboard/",
    "/comparison/",
    "/comparison/01/",
    "/admin/",
    "/admin/auth/user/",
    "/open-data/",
]


@pytest.mark.parametrize("role", ["directorate", "regional_focal_point"])
def test_an_account_without_a_device_is_taken_to_enrol_before_any_network_page(
    role, client_for, network, db
):
    network_account_create(
        email="dir@dgct.gov.ma",
        role=role,
        password=PASSWORD,
        region_code="01" if role == "regional_focal_point" else None,
    )
    browser = signed_in_with_password(client_for)
    for path in NETWORK_PAGES:
        response = browser.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/two-factor/?next="), (path, response["Location"])
    # The network API with the session counts as anonymous until then.
    for path in ("/api/members/", "/api/dashboard/", "/api/onboardings/"):
        assert browser.get(path).status_code == 403, path
    page = browser.get("/two-factor/").content.decode()
    assert "يفرض دوركم التحقق بخطوتين" in page


def test_the_api_with_a_verified_session_answers(client_for, directorate):
    browser = two_factor_signed_in(client_for(None), directorate)
    assert browser.get("/api/members/").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_secret_then_ten_recovery_codes_once(
    client_for, directorate
):
    browser = signed_in_with_password(client_for)
    browser.post("/two-factor/", {"action": "start"})
    page = browser.get("/two-factor/?next=/console/").content.decode()
    assert "<svg" in page and 'role="img"' in page  # the otpauth URI as an inline QR code
    secret = re.search(r'id="two-factor-secret">([A-Z2-7]+)<', page).group(1)
    assert len(secret) == 32  # 160 bits, base32
    # A wrong first code: still off, and said why.
    wrong = browser.post(
        "/two-factor/", {"action": "confirm", "code": "000000", "next": "/console/"}
    )
    assert "ليس الذي يعرضه تطبيقكم" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=directorate, confirmed=True).exists()
    done = browser.post(
        "/two-factor/",
        {"action": "confirm", "next": "/console/", "code": totp_code_for_secret(secret)},
        follow=True,
    )
    page = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10 == StaticToken.objects.filter(device__user=directorate).count()
    assert 'href="/console/"' in page
    assert not re.findall(r"<li><code>", browser.get("/two-factor/").content.decode())  # once
    # The session that enrolled gave its code: the console opens.
    assert browser.get("/console/").status_code == 200


def test_after_enrolment_signing_in_asks_the_code(client_for, directorate, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no second's wait after the wrong code below
    device = enrolled(signed_in_with_password(client_for), directorate)
    browser = signed_in_with_password(client_for)
    response = browser.get("/console/")
    assert response["Location"] == "/two-factor/code/?next=%2Fconsole%2F"
    page = browser.get(response["Location"]).content.decode()
    assert 'autocomplete="one-time-code"' in page and "تأكيد الرمز" in page
    # The set-up page is not for a session that gave only the password.
    assert browser.post("/two-factor/", {"action": "regenerate"})["Location"] == "/two-factor/code/"
    assert give_code(browser, "123456").status_code == 200  # wrong: the form again
    assert browser.get("/console/").status_code == 302
    ok = give_code(browser, totp_code(device, steps_ahead=1))
    assert ok.status_code == 302 and ok["Location"] == "/console/"
    assert browser.get("/console/").status_code == 200
    # A code counts once: the same one in another browser is refused.
    again = signed_in_with_password(client_for)
    assert give_code(again, totp_code(device, steps_ahead=1)).status_code == 200
    assert again.get("/console/").status_code == 302


def test_a_recovery_code_works_once(client_for, directorate):
    browser = signed_in_with_password(client_for)
    browser.post("/two-factor/", {"action": "start"})
    secret = re.search(
        r'id="two-factor-secret">([A-Z2-7]+)<', browser.get("/two-factor/").content.decode()
    ).group(1)
    page = browser.post(
        "/two-factor/", {"action": "confirm", "code": totp_code_for_secret(secret)}, follow=True
    ).content.decode()
    code = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)[0]

    first = signed_in_with_password(client_for)
    used = give_code(first, code.upper()[:4] + " " + code.upper()[4:], "/dashboard/")
    assert used["Location"] == "/dashboard/"  # typed with a space and in capitals: fine
    landing = first.get("/dashboard/").content.decode()
    assert "استعملتم رمز استرداد: تبقّى 9" in landing
    second = signed_in_with_password(client_for)
    assert give_code(second, code).status_code == 200
    assert second.get("/dashboard/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client_for, directorate, settings):
    from twofactor.services import recovery_codes_regenerate, two_factor_verify

    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no second's wait after the old code

    old = recovery_codes_regenerate(user=directorate)
    new = recovery_codes_regenerate(user=directorate)
    assert not set(old) & set(new) and len(new) == 10
    assert two_factor_verify(user=directorate, token=old[0]) is None
    assert two_factor_verify(user=directorate, token=new[0]) is not None


def test_failed_codes_count_in_the_sign_in_limiter(client_for, directorate, settings):
    device = enrolled(signed_in_with_password(client_for), directorate)
    # django-otp's own throttling (1 s, 2 s, 4 s… per device) off here: the limiter alone.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    browser = signed_in_with_password(client_for)
    for _ in range(10):
        assert give_code(browser, "000000").status_code == 200
    # Even the right code is refused for a while, and the person is told for how long...
    blocked = give_code(browser, totp_code(device, steps_ahead=1)).content.decode()
    assert "محاولات كثيرة" in blocked and "15 دقيقة" in blocked
    assert browser.get("/console/").status_code == 302
    # ...and a right password does not clear the count of wrong codes.
    fresh = signed_in_with_password(client_for)
    assert "محاولات كثيرة" in give_code(fresh, totp_code(device, steps_ahead=1)).content.decode()


def test_each_wrong_code_also_slows_the_device(client_for, directorate):
    """django-otp's throttling: after a wrong code, even the right one waits a second."""
    device = enrolled(signed_in_with_password(client_for), directorate)
    browser = signed_in_with_password(client_for)
    give_code(browser, "000000")
    assert give_code(browser, totp_code(device, steps_ahead=1)).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    time.sleep(1.1)
    assert give_code(browser, totp_code(device, steps_ahead=1)).status_code == 302


def test_a_session_signed_in_another_way_still_gives_its_code(client_for, directorate):
    """Whatever signs a browser in (here force_login, as a password reset would), the account
    with two-factor on reaches nothing before its code."""
    enrolled(signed_in_with_password(client_for), directorate)
    browser = client_for(None)
    browser.force_login(directorate)
    for path in ("/console/", "/admin/", "/dashboard/"):
        assert browser.get(path)["Location"].startswith("/two-factor/code/"), path
    assert browser.get("/api/members/").status_code == 403


def test_network_accounts_cannot_turn_it_off(client_for, directorate):
    device = enrolled(signed_in_with_password(client_for), directorate)
    browser = two_factor_signed_in(client_for(None), directorate)
    page = browser.get("/two-factor/").content.decode()
    assert "يبقى مفعّلًا" in page and 'value="turn-off"' not in page
    browser.post("/two-factor/", {"action": "turn-off", "code": totp_code(device, steps_ahead=1)})
    assert TOTPDevice.objects.filter(user=directorate, confirmed=True).exists()


def test_an_unsafe_next_after_the_code_is_not_followed(client_for, directorate):
    device = enrolled(signed_in_with_password(client_for), directorate)
    browser = signed_in_with_password(client_for)
    response = give_code(browser, totp_code(device, steps_ahead=1), "https://evil.example/")
    assert response["Location"] == "/console/"


def test_demo_accounts_are_exempt_in_development_only(settings, network, db):
    from twofactor.selectors import two_factor_required

    user = network_account_create(email="dgct@demo.infitah.ma", role="directorate")
    settings.TWO_FACTOR_DEMO_ACCOUNTS = ["dgct@demo.infitah.ma"]
    settings.DEBUG = True
    assert not two_factor_required(user)
    settings.DEBUG = False  # production: the list means nothing
    assert two_factor_required(user)


def test_a_superuser_of_the_network_must_enrol_too(client_for, network, db):
    user = User.objects.create_superuser("root@dgct.gov.ma", "root@dgct.gov.ma", PASSWORD)
    browser = client_for(None)
    browser.force_login(user)
    assert browser.get("/admin/")["Location"].startswith("/two-factor/?next=")


def test_the_directorate_removes_a_lost_authenticator_in_the_back_office(
    client_for, directorate, network_client
):
    enrolled(signed_in_with_password(client_for), directorate)
    device = TOTPDevice.objects.get(user=directorate)
    admin = network_client("directorate")
    listing = admin.get("/admin/otp_totp/totpdevice/").content.decode()
    assert "dir@dgct.gov.ma" in listing
    assert admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").status_code == 200
    page = admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page  # the secret is never shown
    admin.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
