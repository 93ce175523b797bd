"""A requester whose request went unanswered past its deadline follows their own link (the one
their receipt gave them), complains to the head of the council in Arabic on a phone, and sees
the complaint's due date; the focal point finds it in the inbox and answers it; the requester
then sees the answer and the next step (the Commission, then the administrative court), and
the public register shows the complaint's outcome, never its text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


def test_the_requester_complains_and_the_focal_point_answers(
    journey_member, staff_page, citizen_page
):
    from tenants.information_requests.services import (
        information_request_file,
        information_request_set_public_summary,
    )
    from tenants.information_requests.tokens import requester_path

    def late_request():
        filed = information_request_file(
            requester_name="خديجة الإدريسي",
            id_document="cin",
            id_number="K654321",
            postal_address="حي الرياض، تطوان",
            email="khadija@example.ma",
            information_wanted="كلفة أشغال تهيئة الحديقة العمومية بحي الملاح.",
            today=timezone.localdate() - timedelta(days=40),
        )
        information_request_set_public_summary(
            information_request=filed,
            by=Actor(name="clerk"),
            public_summary="كلفة تهيئة حديقة حي الملاح.",
        )
        return filed, requester_path(filed)

    late, own_path = journey_member.run(late_request)

    citizen = citizen_page()
    citizen.goto(journey_member.url(own_path))
    expect(citizen.get_by_role("heading", level=1)).to_contain_text(late.reference)
    complaint = citizen.get_by_role("form", name="تقديم شكاية إلى رئيس المجلس")
    complaint.get_by_role("button", name="إرسال شكايتي").click()  # empty: told what to fix
    expect(citizen.get_by_role("alert").first).to_contain_text("هناك مشكلة")
    complaint = citizen.get_by_role("form", name="تقديم شكاية إلى رئيس المجلس")
    complaint.get_by_label("شكايتكم").fill("مر الأجل القانوني ولم أتوصل بأي جواب.")
    complaint.get_by_role("button", name="إرسال شكايتي").click()
    expect(citizen.get_by_role("status")).to_contain_text("تم إرسال شكايتكم إلى رئيس المجلس")
    expect(citizen.locator(".request-complaint")).to_contain_text("في انتظار رد الرئيس")
    expect(citizen.locator(".request-complaint")).to_contain_text("يجب أن يرد الرئيس قبل")
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "requester-complained-ar.png", full_page=True)

    page = staff_page("focal_point")
    page.locator("#inbox-complaints").get_by_role("link", name=late.reference).click()
    expect(page.locator(".request-complaint")).to_contain_text("مر الأجل القانوني")
    answer = page.get_by_role("form", name="الرد على الشكاية")
    answer.get_by_label("مقبولة: تقدم المعلومات").check()
    answer.get_by_label("رد الرئيس").fill("تجدون رفقته كلفة الأشغال: 1.200.000 درهم.")
    answer.get_by_role("button", name="إرسال رد الرئيس").click()
    expect(page.get_by_role("status")).to_contain_text("تم إرسال رد الرئيس")
    expect(page.locator(".staff-history")).to_contain_text("رد رئيس المجلس على الشكاية")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-complaint-answered-ar.png", full_page=True)

    citizen.goto(journey_member.url(own_path))
    expect(citizen.locator("main")).to_contain_text("1.200.000 درهم")
    expect(citizen.locator(".request-next-step")).to_contain_text(
        "لجنة الحق في الحصول على المعلومات"
    )
    expect(citizen.locator(".request-next-step")).to_contain_text("المحكمة الإدارية")
    citizen.screenshot(path=ARTIFACTS / "requester-complaint-answered-ar.png", full_page=True)

    citizen.goto(journey_member.url("/information-requests/"))
    entry = citizen.locator(".list-group-item", has_text=late.reference)
    expect(entry).to_contain_text("مقبولة: تقدم المعلومات")
    expect(entry).to_contain_text("كلفة تهيئة حديقة حي الملاح.")
    expect(citizen.locator("body")).not_to_contain_text("مر الأجل القانوني")
    expect(citizen.locator("body")).not_to_contain_text("K654321")
    citizen.screenshot(path=ARTIFACTS / "register-complaint-outcome-ar.png", full_page=True)
