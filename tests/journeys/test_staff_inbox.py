"""A focal point signs in to the staff workspace on a phone, in Arabic, and finds what waits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


def test_a_focal_point_signs_in_and_sees_what_waits_in_arabic(journey_member, staff_page):
    from tenants.information_requests.services import information_request_file

    def arrange():
        return information_request_file(
            requester_name="سعيد بنعلي",
            id_document="cin",
            id_number="L123456",
            postal_address="حي الملاح، تطوان",
            email="said@example.ma",
            information_wanted="نسخة من محضر دورة أكتوبر الأخيرة.",
            today=timezone.localdate() - timedelta(days=45),
        )

    late = journey_member.run(arrange)

    page = staff_page("focal_point")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("ما ينتظركم")
    expect(page.locator(".member-name")).to_contain_text("تطوان")
    requests = page.locator("#inbox-requests")
    expect(requests.get_by_role("link", name=late.reference)).to_be_visible()
    expect(requests).to_contain_text("متأخر")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-inbox-ar.png", full_page=True)

    page.get_by_role("button", name="تسجيل الخروج").click()
    expect(page.locator("#id_username")).to_be_visible()
    page.goto(journey_member.staff_url("/"))
    expect(page).to_have_url(journey_member.staff_url("/sign-in/?next=/staff/"))
