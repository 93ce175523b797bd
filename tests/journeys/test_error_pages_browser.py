"""A visitor follows a broken link to a member's site on a phone: the page says so in the
member's frame and language, and leads back home; a moderator who opens a focal point's page
is told why, and led back to the workspace."""

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


def test_a_visitor_on_a_broken_link_is_led_back_home_in_arabic(journey_member, citizen_page):
    page = citizen_page()
    response = page.goto(journey_member.url("/documents/a-page-that-moved/"))
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("الصفحة غير موجودة")
    expect(page.locator(".member-name")).to_contain_text("تطوان")
    expect(page.get_by_role("link", name="Français")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "error-404-ar.png", full_page=True)

    page.get_by_role("link", name="الانتقال إلى الصفحة الرئيسية للموقع").click()
    expect(page).to_have_url(journey_member.url("/"))


def test_a_visitor_on_a_broken_link_reads_it_in_french(journey_member, citizen_page):
    page = citizen_page(language="fr")
    response = page.goto(journey_member.url("/documents/a-page-that-moved/"))
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.locator(".member-name")).to_contain_text("Tétouan")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "error-404-fr.png", full_page=True)

    # The switch keeps the visitor on the same address, now in Arabic.
    page.get_by_role("link", name="العربية").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("الصفحة غير موجودة")


def test_a_moderator_on_a_focal_points_page_is_led_back_to_the_workspace(
    journey_member, staff_page
):
    page = staff_page("moderator")
    response = page.goto(journey_member.staff_url("/site/team/"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("لا يمكنكم فتح هذه الصفحة")
    expect(
        page.get_by_text("دوركم في مساحة العمل لا يخول لكم الولوج إلى هذه الصفحة.")
    ).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "error-403-staff-ar.png", full_page=True)

    page.get_by_role("link", name="العودة إلى مساحة العمل").click()
    expect(page).to_have_url(journey_member.staff_url("/"))


def test_a_visitor_on_a_broken_link_of_the_portal_stays_in_the_networks_frame(
    journey_member, citizen_page
):
    page = citizen_page()
    portal = journey_member.url("/").replace(journey_member.host, "localhost")
    response = page.goto(portal + "news/a-page-that-moved/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("الصفحة غير موجودة")
    expect(page.locator(".member-name")).to_contain_text(
        "الشبكة المغربية للجماعات الترابية المنفتحة"
    )
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "error-404-portal-ar.png", full_page=True)
