"""Two-factor sign-in, in a real browser, in Arabic, on a phone: a directorate account sets up
its authenticator (the test computes the app's codes from the secret shown on the page), signs
out, signs in with password and code, uses a recovery code once (a second use is refused); a
member's focal point turns two-factor on in the workspace and must then give a code."""

import re
import time

import pytest
from django.db import connection

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen, platform_served
from tests.journeys.conftest import (
    PASSWORD,
    PHONE,
    async_unsafe_allowed,
    network_host,
    staff_account_create,
)

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

DIRECTORATE = "two.factor.journey@dgct.gov.ma"


def _remove_the_account() -> None:
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.accounts.models import NetworkRole

    connection.set_schema_to_public()
    users = User.objects.filter(username=DIRECTORATE)
    NetworkRole.objects.filter(user__in=users).delete()
    TOTPDevice.objects.filter(user__in=users).delete()
    StaticDevice.objects.filter(user__in=users).delete()
    Session.objects.all().delete()
    # Not .delete(): the collector would look for DRF tokens, which live in members' schemas.
    users._raw_delete(connection.alias)


@pytest.fixture(scope="module")
def network_site(network, django_db_blocker):
    """The network's host served over HTTP; `run(fn)` in the public schema."""
    with django_db_blocker.unblock():
        _remove_the_account()
        try:
            with platform_served() as port:
                yield network_host(port)
        finally:
            with async_unsafe_allowed():
                _remove_the_account()
                connection.close()


def _password_step(page, site) -> None:
    page.goto(site.url("/sign-in/"))
    page.get_by_label("البريد الإلكتروني").fill(DIRECTORATE)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()


def _code_step(page, code: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("التحقق بخطوتين")
    page.get_by_label("الرمز", exact=True).fill(code)
    page.get_by_role("button", name="تأكيد الرمز").click()


def _sign_out(page) -> None:
    page.locator(".network-frame").get_by_role("button", name="تسجيل الخروج").click()
    expect(page.locator(".network-frame").get_by_role("link", name="تسجيل الدخول")).to_be_visible()


def test_a_directorate_account_enrols_then_signs_in_with_a_code_and_a_recovery_code(
    network_site, browser_pages
):
    from network.accounts.services import network_account_create
    from twofactor.testing import totp_code_for_secret

    site = network_site
    site.run(
        lambda: network_account_create(email=DIRECTORATE, role="directorate", password=PASSWORD)
    )
    page = browser_pages(viewport=PHONE)

    # The password, then set-up before any network page.
    _password_step(page, site)
    expect(page).to_have_url(site.url("/two-factor/?next=%2Fconsole%2F"))
    expect(page.get_by_role("status").first).to_contain_text("يفرض دوركم التحقق بخطوتين")
    page.get_by_role("button", name="تفعيل التحقق بخطوتين").click()
    expect(page.get_by_role("img", name="رمز QR للمفتاح السري للتحقق بخطوتين")).to_be_visible()
    secret = page.locator("#two-factor-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "two-factor-enrol-ar.png", full_page=True)
    page.get_by_label("الرمز الذي يعرضه التطبيق").fill(totp_code_for_secret(secret))
    page.get_by_role("button", name="تأكيد وتفعيل").click()

    # Ten recovery codes, shown once, then on to the console.
    expect(page.get_by_role("heading", name="رموز الاسترداد الخاصة بكم")).to_be_visible()
    codes = [code.strip() for code in page.locator(".recovery-codes code").all_inner_texts()]
    assert len(codes) == 10 and len(set(codes)) == 10
    page.screenshot(path=ARTIFACTS / "two-factor-recovery-codes-ar.png", full_page=True)
    page.get_by_role("link", name="احتفظت بها: متابعة").click()
    expect(page).to_have_url(site.url("/console/"))
    _sign_out(page)

    # Password and the app's code (the next one: a code counts once).
    _password_step(page, site)
    expect(page).to_have_url(re.compile(r"/two-factor/code/\?next="))
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "two-factor-code-ar.png", full_page=True)
    _code_step(page, totp_code_for_secret(secret, steps_ahead=1))
    expect(page).to_have_url(site.url("/console/"))
    _sign_out(page)

    # A recovery code instead of the phone: once.
    _password_step(page, site)
    _code_step(page, codes[0])
    expect(page).to_have_url(site.url("/console/"))
    expect(page.get_by_role("status")).to_contain_text("استعملتم رمز استرداد: تبقّى 9")
    _sign_out(page)
    _password_step(page, site)
    _code_step(page, codes[0])
    expect(page.locator(".invalid-feedback")).to_contain_text("هذا الرمز غير صحيح")
    expect(page).to_have_url(re.compile(r"/two-factor/code/"))
    page.goto(site.url("/console/"))
    expect(page).to_have_url(re.compile(r"/two-factor/code/\?next=%2Fconsole%2F"))


def test_a_focal_point_turns_it_on_and_must_then_give_a_code(journey_member, browser_pages):
    from twofactor.testing import totp_code_for_secret

    site = journey_member
    email = staff_account_create(
        site, role="focal_point", name="أمينة العلوي", email="amina.two.factor@tetouan.example.ma"
    )
    page = browser_pages(viewport=PHONE, host=site.host)

    def sign_in():
        page.goto(site.staff_url("/sign-in/"))
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form [type=submit]").click()

    sign_in()
    expect(page).to_have_url(site.staff_url("/"))  # off: the password is enough
    page.locator(".workspace-nav").get_by_role("link", name="التحقق بخطوتين").click()
    page.get_by_role("button", name="تفعيل التحقق بخطوتين").click()
    secret = page.locator("#two-factor-secret").inner_text().strip()
    enrolled_in_period = int(time.time() // 30)
    page.get_by_label("الرمز الذي يعرضه التطبيق").fill(totp_code_for_secret(secret))
    page.get_by_role("button", name="تأكيد وتفعيل").click()
    expect(page.get_by_role("heading", name="رموز الاسترداد الخاصة بكم")).to_be_visible()
    expect(page.locator(".recovery-codes code")).to_have_count(10)
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "workspace-two-factor-on-ar.png", full_page=True)
    page.get_by_role("link", name="احتفظت بها: متابعة").click()
    expect(page).to_have_url(site.staff_url("/"))

    page.locator(".workspace-who").get_by_role("button", name="تسجيل الخروج").click()
    sign_in()
    expect(page).to_have_url(re.compile(r"/staff/two-factor/code/\?next="))
    page.goto(site.staff_url("/requests/"))  # nothing opens before the code
    expect(page).to_have_url(re.compile(r"/staff/two-factor/code/"))
    # A code counts once: the next period's code while still in the enrolment's period, the
    # current one once the clock has moved on (the next one would then be two periods ahead).
    moved_on = int(time.time() // 30) > enrolled_in_period
    page.get_by_label("الرمز", exact=True).fill(
        totp_code_for_secret(secret, steps_ahead=0 if moved_on else 1)
    )
    page.get_by_role("button", name="تأكيد الرمز").click()
    expect(page).to_have_url(site.staff_url("/requests/"))
