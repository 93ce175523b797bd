"""The directorate onboards a collectivity from the console, on a phone, in Arabic, and invites
its first focal point, who follows the e-mail's link, chooses a password and lands in the new
member's workspace. A regional focal point signs in, sees their own frame, and opening the
network's back office sends them to their pages instead of round a loop."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen, platform_served
from tests.journeys.conftest import DESKTOP, PASSWORD, PHONE, async_unsafe_allowed, network_host

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

FNIDEQ = "01.573.01.01"  # الفنيدق, a commune of Tanger-Tétouan-Al Hoceima, not yet a member
DIRECTORATE = "directorate.journey@dgct.gov.ma"
NORTH = "north.journey@dgct.gov.ma"
BACK_OFFICE = "backoffice.journey@dgct.gov.ma"
FOCAL_POINT = "amina.fnideq@example.ma"
WAIT = 60_000  # ms: the worker provisions the member


def _remove_what_the_module_created() -> None:
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.accounts.models import NetworkRole
    from network.console.models import Onboarding
    from network.members.models import Member
    from network.members.spares import PREFIX
    from tenancy.routing import routing_forget_hosts

    connection.set_schema_to_public()
    Onboarding.objects.filter(collectivity_id=FNIDEQ).delete()
    member = Member.objects.filter(collectivity_id=FNIDEQ).first()
    with connection.cursor() as cursor:
        if member is not None:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{member.schema_name}" CASCADE')
        cursor.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", [PREFIX])
        for (spare,) in cursor.fetchall():
            cursor.execute(f'DROP SCHEMA "{spare}" CASCADE')
    if member is not None:
        hosts = list(member.domains.values_list("domain", flat=True))
        member.domains.all().delete()
        member.delete()
        routing_forget_hosts(hosts)
    users = User.objects.filter(username__in=[DIRECTORATE, NORTH, BACK_OFFICE])
    NetworkRole.objects.filter(user__in=users).delete()
    TOTPDevice.objects.filter(user__in=users).delete()  # two-factor sign-in (platform/twofactor)
    Session.objects.all().delete()  # the browsers' sessions on the network's host
    # Not .delete(): the collector would look for DRF tokens, which live in members' schemas.
    users._raw_delete(connection.alias)


@pytest.fixture(scope="module")
def network_site(network, django_db_blocker):
    """The network's host served over HTTP (`url(path)`; a member's host: `member_url(host,
    path)`), a real worker for the onboarding, and `run(fn)` in the public schema. What the
    module creates (accounts, the onboarded member, its schema) is removed after."""
    from tests.worker_process import worker_start, worker_stop

    with django_db_blocker.unblock():
        _remove_what_the_module_created()
        worker = worker_start(MEMBER_SPARE_SCHEMAS="0")
        try:
            with platform_served() as port:
                yield network_host(port)
        finally:
            worker_stop(worker)
            with async_unsafe_allowed():
                _remove_what_the_module_created()
                connection.close()


def network_account(site, *, email: str, role: str, region_code: str | None = None) -> str:
    """A network account with its authenticator already set up (two-factor sign-in is
    required of network accounts: tests/journeys/test_two_factor.py sets one up by hand)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.accounts.services import network_account_create

    def create():
        user = network_account_create(
            email=email, role=role, region_code=region_code, password=PASSWORD
        )
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)

    site.run(create)
    return email


def sign_in_from_the_portal(page, site, email: str) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from twofactor.testing import totp_code

    page.goto(site.url("/"))
    page.locator(".network-frame").get_by_role("link", name="تسجيل الدخول").click()
    page.get_by_label("البريد الإلكتروني").fill(email)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()
    # The second step: the code the account's authenticator shows now.
    code = site.run(lambda: totp_code(TOTPDevice.objects.get(user__username=email)))
    page.get_by_label("الرمز", exact=True).fill(code)
    page.get_by_role("button", name="تأكيد الرمز").click()


def test_the_directorate_onboards_a_commune_and_invites_its_first_focal_point(
    network_site, browser_pages
):
    site = network_site
    network_account(site, email=DIRECTORATE, role="directorate")

    page = browser_pages(viewport=PHONE)
    sign_in_from_the_portal(page, site, DIRECTORATE)
    expect(page).to_have_url(site.url("/console/"))
    frame = page.locator(".network-frame")
    expect(frame).to_contain_text(DIRECTORATE)
    expect(frame).to_contain_text("مسؤول بالمديرية")
    expect(frame.get_by_role("link", name="لوحة قيادة الشبكة")).to_be_visible()
    expect(frame.get_by_role("button", name="تسجيل الخروج")).to_be_visible()

    # The registry's search, then "onboard" on the commune's row.
    page.get_by_label("ابحثوا في سجل الجماعات").fill("الفنيدق")
    page.get_by_role("button", name="بحث").click()
    row = page.get_by_role("row").filter(has_text=FNIDEQ)
    row.get_by_role("button", name="ضم إلى الشبكة").click()

    # The progress page follows the worker by itself and ends on the member's page.
    expect(
        page.get_by_text("موقع العضو جاهز. يرجى دعوة نقطة الارتكاز الأولى الخاصة به.")
    ).to_be_visible(timeout=WAIT)
    expect(page).to_have_url(re.compile(r"/console/members/m_015730101/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("الفنيدق")
    site_link = page.get_by_role("link", name="فتح موقع العضو")
    expect(site_link).to_have_attribute("href", re.compile(r"^http://fnideq\.localhost[:\d]*/$"))
    expect(page.get_by_role("link", name="فتح مساحة عمل الموظفين")).to_have_attribute(
        "href", re.compile(r"^http://fnideq\.localhost[:\d]*/staff/$")
    )
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "directorate-member-page-ar.png", full_page=True)

    # A mistyped address first: nothing is sent, the error says why.
    page.get_by_label("البريد الإلكتروني للشخص المدعو").fill("amina.fnideq")
    page.get_by_role("button", name="إرسال الدعوة").click()
    expect(page.get_by_role("alert")).to_contain_text("أدخلوا عنوان بريد إلكتروني صحيحًا")
    assert not mail.outbox

    page.get_by_label("البريد الإلكتروني للشخص المدعو").fill(FOCAL_POINT)
    expect(page.get_by_label("الدور")).to_have_value("focal_point")  # the default
    page.get_by_role("button", name="إرسال الدعوة").click()
    expect(page.get_by_role("status")).to_contain_text(f"تم إرسال الدعوة إلى {FOCAL_POINT}")
    expect(page.locator("#invite")).to_contain_text("نقطة الارتكاز")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "directorate-invites-focal-point-ar.png", full_page=True)

    # The focal point's e-mail: a one-time link on the member's own host.
    (message,) = mail.outbox
    assert message.to == [FOCAL_POINT]
    link = urlsplit(re.search(r"https?://\S+/staff/set-password/\S+", message.body).group(0))
    assert link.hostname == "fnideq.localhost"
    focal = browser_pages(viewport=PHONE)
    focal.goto(site.member_url(link.hostname, link.path))  # the test server's port
    focal.screenshot(path=ARTIFACTS / "focal-point-sets-password-ar.png", full_page=True)
    focal.get_by_label("كلمة المرور الجديدة", exact=True).fill("Fnideq-2026-openness")
    focal.get_by_label("تأكيد كلمة المرور الجديدة").fill("Fnideq-2026-openness")
    focal.get_by_role("button", name="حفظ كلمة المرور والدخول إلى مساحة العمل").click()

    expect(focal).to_have_url(site.member_url("fnideq.localhost", "/staff/"))
    expect(focal.locator(".member-name")).to_contain_text("الفنيدق")
    expect(focal.get_by_role("heading", level=1)).to_have_text("ما ينتظركم")
    assert fits_the_screen(focal)
    focal.screenshot(path=ARTIFACTS / "focal-point-first-inbox-ar.png", full_page=True)


def test_a_regional_focal_point_sees_their_frame_and_is_never_looped(network_site, browser_pages):
    site = network_site
    network_account(site, email=NORTH, role="regional_focal_point", region_code="01")

    page = browser_pages(viewport=PHONE)
    sign_in_from_the_portal(page, site, NORTH)
    expect(page).to_have_url(site.url("/comparison/01/"))
    frame = page.locator(".network-frame")
    expect(frame).to_contain_text(NORTH)
    expect(frame).to_contain_text("نقطة الارتكاز الجهوية")
    expect(frame.get_by_role("link", name="مقارنة أعضاء جهتي")).to_be_visible()
    expect(frame.get_by_role("link", name="لوحة تحكم المديرية")).to_have_count(0)

    # The network's back office is the directorate's: their own pages, with a word why.
    page.goto(site.url("/admin/"))
    expect(page).to_have_url(site.url("/comparison/01/"))
    expect(page.get_by_role("status")).to_contain_text("لا يتيح دوركم فتح الإدارة الخلفية للشبكة")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "regional-focal-point-frame-ar.png", full_page=True)

    page.get_by_role("button", name="تسجيل الخروج").click()
    expect(page).to_have_url(site.url("/"))
    expect(page.locator(".network-frame").get_by_role("link", name="تسجيل الدخول")).to_be_visible()


def test_the_directorate_opens_the_network_back_office_in_arabic(network_site, browser_pages):
    """From the console's frame to the network's back office (network colours, Arabic): the
    members are listed but neither added nor deleted there (the console onboards), and an
    account's authenticator can be removed, never read or typed (a lost phone)."""
    site = network_site
    email = BACK_OFFICE
    network_account(site, email=email, role="directorate")

    page = browser_pages(viewport=DESKTOP)
    sign_in_from_the_portal(page, site, email)
    expect(page).to_have_url(site.url("/console/"))
    page.locator(".network-frame").get_by_role("link", name="الواجهة الخلفية للشبكة").click()
    expect(page).to_have_url(site.url("/admin/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#header")).to_contain_text("الواجهة الخلفية للشبكة")
    page.screenshot(path=ARTIFACTS / "network-admin-index-ar.png", full_page=True)

    page.goto(site.url("/admin/members/member/"))
    expect(page.locator("#result_list")).to_contain_text("m_015710111")  # Tétouan
    expect(
        page.locator("#content").get_by_role("link", name=re.compile("أضف|إضافة"))
    ).to_have_count(0)
    page.screenshot(path=ARTIFACTS / "network-admin-members-ar.png", full_page=True)

    page.goto(site.url("/admin/otp_totp/totpdevice/"))
    expect(page.locator("#result_list")).to_contain_text(email)
    expect(
        page.locator("#content").get_by_role("link", name=re.compile("أضف|إضافة"))
    ).to_have_count(0)
    page.screenshot(path=ARTIFACTS / "network-admin-authenticators-ar.png", full_page=True)


def test_the_directorate_reads_the_dashboard_and_the_open_data_catalogue(
    network_site, browser_pages
):
    """From the console's frame to the network's dashboard (the members' ideas among its key
    figures), then the portal's open data and its DCAT-AP catalogue, in Arabic on a phone."""
    site = network_site
    email = "dashboard.journey@dgct.gov.ma"
    network_account(site, email=email, role="directorate")

    page = browser_pages(viewport=PHONE)
    sign_in_from_the_portal(page, site, email)
    expect(page).to_have_url(site.url("/console/"))
    page.locator(".network-frame").get_by_role("link", name="لوحة قيادة الشبكة").click()
    expect(page).to_have_url(site.url("/dashboard/"))
    expect(page.locator(".key-ideas")).to_contain_text("أفكار المواطنين (الدعم)")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "directorate-dashboard-ideas-ar.png", full_page=True)

    page.goto(site.url("/open-data/"))
    catalogue = page.get_by_role("link", name="الفهرس (DCAT-AP)")
    expect(catalogue).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "portal-open-data-catalogue-ar.png", full_page=True)
    answer = page.request.get(site.url(catalogue.get_attribute("href")))
    assert answer.ok and answer.headers["content-type"].startswith("application/ld+json")
    assert answer.json()["@type"] == "dcat:Catalog"
