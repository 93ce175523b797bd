"""A focal point records a request that arrived by post last week, with its scan, on a phone
in Arabic: a receipt date in the future is refused with a clear error and nothing is written;
the real date is accepted and the request's page shows the deadline counted from that day (20
working days, through citizens.working_days), and the scan opens for the focal point."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_the_focal_point_records_a_paper_request_received_last_week(
    journey_member, staff_page, tmp_path
):
    from citizens.working_days import add_working_days
    from django.utils.formats import date_format
    from django.utils import translation

    received = timezone.localdate() - timedelta(days=7)
    due = journey_member.run(lambda: add_working_days(received, 20))  # the member's calendar
    scan = tmp_path / "طلب.pdf"
    scan.write_bytes(PDF)

    page = staff_page("focal_point")
    page.goto(journey_member.staff_url("/requests/"))
    page.get_by_role("link", name="تسجيل طلب ورقي").click()
    form = page.get_by_role("form", name="تسجيل طلب ورقي")
    form.get_by_label("بالبريد", exact=True).check()
    form.get_by_label("تاريخ التوصل").fill(
        (timezone.localdate() + timedelta(days=2)).isoformat()
    )  # a slip of the pen
    form.get_by_label("الاسم الكامل").fill("سعيد بنعلي")
    form.get_by_label("رقم البطاقة").fill("L123456")
    form.get_by_label("العنوان البريدي").fill("حي الملاح، تطوان")
    form.get_by_label("المعلومات المطلوبة").fill("نسخة من محضر دورة فبراير للمجلس.")
    form.get_by_label("نسخة ممسوحة من الطلب (اختياري)").set_input_files(str(scan))
    form.get_by_role("button", name="تسجيل الطلب").click()
    expect(page.get_by_role("alert").first).to_contain_text("هناك مشكلة")
    expect(page.locator("body")).to_contain_text("لا يمكن أن يكون تاريخ التوصل في المستقبل.")
    page.screenshot(path=ARTIFACTS / "staff-paper-request-error-ar.png", full_page=True)

    form = page.get_by_role("form", name="تسجيل طلب ورقي")
    form.get_by_label("تاريخ التوصل").fill(received.isoformat())
    form.get_by_label("نسخة ممسوحة من الطلب (اختياري)").set_input_files(str(scan))
    form.get_by_role("button", name="تسجيل الطلب").click()

    expect(page.get_by_role("status")).to_contain_text("تم تسجيل الطلب")
    with translation.override("ar"):
        due_text = date_format(due, "DATE_FORMAT")
    deadline = page.locator(".request-deadline")
    expect(deadline).to_contain_text(due_text)
    expect(page.locator(f'.request-deadline time[datetime="{due:%Y-%m-%d}"]')).to_have_count(1)
    expect(page.locator(".request-facts")).to_contain_text("بالبريد")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-paper-request-recorded-ar.png", full_page=True)

    scan_link = page.get_by_role("link", name="فتح النسخة الممسوحة").get_attribute("href")
    # The scan opens for the focal point (fetched in the page: it is served, not navigated).
    assert page.evaluate("async url => (await fetch(url)).status", scan_link) == 200

    def stored():
        from tenants.information_requests.models import InformationRequest

        request = InformationRequest.objects.get(requester_name="سعيد بنعلي")
        return request.received_on, request.due_on, request.channel, bool(request.scan)

    assert journey_member.run(stored) == (received, due, "post", True)
