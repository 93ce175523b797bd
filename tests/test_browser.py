"""A real browser (Debian's headless Chromium, driven by Playwright) on Tétouan's site.

Screenshots go to test-artifacts/ for people to look at.
"""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import tenant_context

from tests.browser import (
    ARTIFACTS,
    BROWSER_NEEDED,
    fits_the_screen,
    member_content_truncate,
    phone_page,
    platform_served,
)
from tests.hcp import TETOUAN

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


@pytest.fixture(scope="module")
def tetouan_site(network, django_db_blocker):
    """Tétouan with its demo content, committed, served by a real HTTP server."""
    from tenants.consultations.seeds import consultations_seed_demo
    from tenants.meetings.seeds import meetings_seed_demo
    from tenants.programme.seeds import programme_seed_demo

    tetouan = network["tetouan"]
    today = timezone.localdate()
    with django_db_blocker.unblock():
        member_content_truncate(tetouan)
        with tenant_context(tetouan):
            programme_seed_demo(hcp_code=TETOUAN, today=today)
            consultations_seed_demo(today=today)
            meetings_seed_demo(today=today)
            from tenants.meetings.selectors import meeting_upcoming

            next_meeting = meeting_upcoming(limit=1)[0].pk
        try:
            with platform_served() as port:
                site = f"http://tetouan.localhost:{port}"
                yield SimpleNamespace(url=site, next_meeting_url=f"{site}/meetings/{next_meeting}/")
        finally:
            member_content_truncate(tetouan)


@pytest.fixture
def phone():
    with phone_page() as page:
        yield page


def test_tetouan_site_in_a_real_browser(tetouan_site, phone):
    page = phone
    page.goto(tetouan_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".member-name").first.inner_text() == "تطوان"
    assert "تطوان جماعة منفتحة 2023-2026" in page.content()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "tetouan-home-ar.png", full_page=True)

    page.locator("nav.site-nav a").nth(1).click()  # the programme
    page.wait_for_url("**/programme/")
    page.locator("a.stretched-link").first.click()  # its first commitment
    page.wait_for_url("**/programme/commitments/*/")
    assert page.locator("h1").inner_text().startswith("1.")
    assert "نشر الميزانية" in page.locator("h1").inner_text()
    assert page.locator("table").count() == 1 and fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "tetouan-commitment-ar.png", full_page=True)

    page.get_by_role("link", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # (waits for the new page)
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_contain_text("Publier le budget")
    page.screenshot(path=ARTIFACTS / "tetouan-commitment-fr.png", full_page=True)


def test_a_citizen_comments_registers_and_asks_in_arabic(tetouan_site, phone):
    page = phone

    # Comment on the open consultation, then confirm the e-mail with the one-time link.
    page.goto(tetouan_site.url + "/consultations/")
    page.locator("main a[href*='/consultations/']").first.click()
    page.fill("#id_body", "أقترح نشر محاضر الدورات بصيغة قابلة للبحث.")
    page.fill("#id_author_name", "ليلى")
    page.fill("#id_email", "leila@example.ma")
    page.locator("form:has(#id_body) [type=submit]").click()
    page.wait_for_load_state()
    confirmation = page.locator("main").inner_text()
    page.screenshot(path=ARTIFACTS / "tetouan-comment-sent-ar.png", full_page=True)
    link = next(
        line
        for message in reversed(mail.outbox)
        for line in message.body.split()
        if "/consultations/verify/" in line
    )
    page.goto(tetouan_site.url + link[link.index("/consultations/verify/") :])
    assert page.locator("h1").inner_text() == "نشر تعليقكم"
    page.locator("main a.btn").click()
    page.wait_for_load_state()
    assert confirmation and "أقترح نشر محاضر الدورات" in page.content()
    page.screenshot(path=ARTIFACTS / "tetouan-comment-published-ar.png", full_page=True)

    # Register for the next meeting.
    page.goto(tetouan_site.next_meeting_url)
    page.locator("a[href$='/register/']").first.click()
    page.fill("#id_name", "يوسف الإدريسي")
    page.fill("#id_email", "youssef@example.ma")
    page.select_option("#id_category", "civil_society")
    page.locator("form:has(#id_name) [type=submit]").click()
    page.wait_for_url("**/register/done/**")
    assert "youssef@example.ma" in mail.outbox[-1].to
    page.screenshot(path=ARTIFACTS / "tetouan-registered-ar.png", full_page=True)

    # File an information request and get its receipt.
    page.goto(tetouan_site.url + "/information-requests/new/")
    page.fill("#id_requester_name", "سعيد بنعلي")
    page.fill("#id_id_number", "L123456")
    page.fill("#id_postal_address", "حي الملاح، تطوان")
    page.fill("#id_email", "said@example.ma")
    page.fill("#id_information_wanted", "نسخة من محضر دورة أكتوبر الأخيرة.")
    page.locator("form:has(#id_requester_name) [type=submit]").click()
    page.wait_for_url("**/receipt/**")
    receipt = page.locator("main").inner_text()
    assert "DI-" in receipt and fits_the_screen(page)
    assert "said@example.ma" in mail.outbox[-1].to
    page.screenshot(path=ARTIFACTS / "tetouan-request-receipt-ar.png", full_page=True)
