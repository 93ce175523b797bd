"""A citizen asks the member what it holds about her and then to be erased (law 09-08, arts.
7-9). The focal point, on a phone, in Arabic: finds her by e-mail, exports her data, erases
it, and sees the erasure in the log; what the law keeps stays, without her."""

import json

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from tests.journeys.conftest import DESKTOP

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

CITIZEN = "salma.bennani@example.ma"


@pytest.fixture
def citizen_with_data(journey_member):
    def arrange():
        from tenants.meetings.tests.factories import meeting_in, registration_for
        from tenants.notifications.models import Subscriber

        Subscriber.objects.create(email=CITIZEN)
        meeting = meeting_in(7, takes_registrations=True)
        registration_for(meeting, email=CITIZEN, name="سلمى بناني")
        return meeting.pk

    return journey_member.run(arrange)


def test_the_focal_point_finds_exports_and_erases_a_persons_data_in_arabic(
    journey_member, staff_page, citizen_with_data
):
    page = staff_page("focal_point")
    page.get_by_role("link", name="المعطيات الشخصية", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("المعطيات الشخصية")
    page.get_by_label("عنوان البريد الإلكتروني").fill(CITIZEN)
    page.get_by_role("button", name="بحث").click()

    held = page.locator("section", has=page.get_by_role("heading", name="ما يتوفر عليه الموقع"))
    expect(held).to_contain_text("سلمى بناني")
    expect(held).to_contain_text("الاشتراكات")
    expect(held).to_contain_text("التسجيل في اللقاءات")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "focal-point-personal-data-found-ar.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="تصدير بصيغة JSON").click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert exported["subscribers"][0]["البريد الإلكتروني"] == CITIZEN

    page.get_by_role("link", name="محو معطيات هذا الشخص").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("محو معطيات هذا الشخص")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "focal-point-personal-data-erase-ar.png", full_page=True)
    page.get_by_role("button", name="محو", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("محيت المعطيات الشخصية")
    expect(page.get_by_text("لا يتوفر الموقع على أي معطيات شخصية لهذا الشخص.")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "focal-point-personal-data-erased-ar.png", full_page=True)

    page.get_by_role("link", name="سجل الاطلاع والتصدير والمحو والحذف").click()
    log = page.locator(".personal-data-log")
    # Latest first: the search the erasure returned to, the erasure with what it touched, the
    # export, the first search.
    erasure = log.locator("li", has_text="محو").first
    expect(erasure).to_contain_text("s•••@example.ma")
    expect(erasure).to_contain_text("التسجيل في اللقاءات (1/1)")
    expect(log).to_contain_text("تصدير")
    expect(log).not_to_contain_text(CITIZEN)  # the log names no one
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "focal-point-personal-data-log-ar.png", full_page=True)

    # What the law keeps stays without her: the meeting still counts one registration.
    def registrations():
        from tenants.meetings.models import Registration

        return list(
            Registration.objects.filter(meeting_id=citizen_with_data).values_list("name", flat=True)
        )

    assert journey_member.run(registrations) == [""]


def test_the_log_reads_on_a_desktop_too(journey_member, staff_page):
    page = staff_page("focal_point", viewport=DESKTOP)
    page.goto(journey_member.staff_url("/site/personal-data/log/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("سجل المعطيات الشخصية")
    page.screenshot(path=ARTIFACTS / "focal-point-personal-data-log-desktop-ar.png", full_page=True)


def test_a_citizen_reads_the_notice_under_a_form_on_a_phone(journey_member, citizen_page):
    """The notice the erased person read when she subscribed: who, why, how long, her rights."""
    page = citizen_page()
    page.goto(journey_member.url("/notifications/"))
    notice = page.get_by_role("complementary", name="معطياتكم الشخصية")
    expect(notice).to_contain_text("مدة الحفظ:")
    expect(notice).to_contain_text("التصريح لدى اللجنة الوطنية")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "citizen-personal-data-notice-ar.png", full_page=True)
    notice.get_by_role("link", name="المزيد عن معطياتكم الشخصية").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("معطياتكم الشخصية")
    page.screenshot(path=ARTIFACTS / "citizen-privacy-page-ar.png", full_page=True)
