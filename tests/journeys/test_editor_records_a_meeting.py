"""An editor, on a phone and in Arabic, finds in the inbox a workshop held without its record,
enters its attendance by category (women, men), uploads its minutes and a photo; the meeting's
public page then shows the attendance totals, the minutes' link and the photo."""

import struct
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

TITLE = "ورشة الإعداد المشترك لالتزامات الشفافية"
CAPTION = "المشاركات والمشاركون في ورشة الإعداد المشترك بقاعة الاجتماعات"


def png_picture(width: int = 480, height: int = 270) -> bytes:
    """A real PNG (bands of colour), so the photo shows in the screenshots."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes((20 + y // 2, 110, (90 + x // 4) % 256)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_an_editor_records_attendance_minutes_and_a_photo_in_arabic(
    journey_member, staff_page, citizen_page, media_root, tmp_path
):
    from tenants.meetings.services import meeting_create

    def arrange():
        yesterday = timezone.now() - timedelta(days=1)
        return meeting_create(
            kind="cocreation_workshop",
            title_ar=TITLE,
            starts_at=yesterday,
            ends_at=yesterday + timedelta(hours=3),
            place="قاعة الاجتماعات",
        )

    meeting = journey_member.run(arrange)
    minutes = tmp_path / "محضر-الورشة.pdf"
    minutes.write_bytes(b"%PDF-1.7\n% minutes of the workshop\n")
    photo = tmp_path / "الورشة.png"
    photo.write_bytes(png_picture())

    # The inbox: the workshop is held, its attendance and minutes missing.
    page = staff_page("editor", name="سناء البقالي")
    meetings = page.locator("#inbox-meetings")
    expect(meetings).to_contain_text("الحضور غير مسجل")
    meetings.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Attendance by category, women and men.
    civil_society = page.get_by_role("group", name="المجتمع المدني", exact=True)
    civil_society.get_by_label("النساء").fill("14")
    civil_society.get_by_label("الرجال").fill("9")
    council = page.get_by_role("group", name="أعضاء المجلس", exact=True)
    council.get_by_label("الرجال").fill("5")
    students = page.get_by_role("group", name="الطلبة", exact=True)
    students.get_by_label("النساء").fill("-3")
    page.get_by_role("button", name="حفظ الحضور").click()
    expect(page.get_by_role("alert")).to_contain_text("0")  # the error, in Arabic
    page.screenshot(path=ARTIFACTS / "staff-meeting-attendance-error-ar.png", full_page=True)
    page.get_by_role("group", name="الطلبة", exact=True).get_by_label("النساء").fill("2")
    page.get_by_role("button", name="حفظ الحضور").click()
    expect(page.get_by_role("status")).to_contain_text("تم تسجيل الحضور ونشره في صفحة الاجتماع.")

    # The minutes, then a photo with its caption.
    page.get_by_label("ملف المحضر").set_input_files(minutes)
    page.get_by_role("button", name="نشر المحضر").click()
    expect(page.get_by_role("status")).to_contain_text("تم نشر المحضر في صفحة الاجتماع.")
    page.get_by_label("الصورة", exact=True).set_input_files(photo)
    page.get_by_label("التعليق على الصورة").fill(CAPTION)
    page.get_by_role("button", name="إضافة الصورة").click()
    expect(page.get_by_role("status")).to_contain_text("تم نشر الصورة في صفحة الاجتماع.")
    expect(page.locator("#attendance")).to_contain_text("30")  # 14 + 9 + 5 + 2
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-meeting-recorded-ar.png", full_page=True)

    page.get_by_role("link", name="الاجتماعات", exact=True).first.click()
    expect(page.locator(".staff-meeting", has_text=TITLE)).to_contain_text("الحضور والمحضر منشوران")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-meetings-list-ar.png", full_page=True)

    # What the citizen sees.
    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/meetings/{meeting.pk}/"))
    totals = citizen.locator("tfoot tr")
    expect(totals).to_contain_text("16")  # women: 14 + 2
    expect(totals).to_contain_text("14")  # men: 9 + 5
    expect(totals).to_contain_text("30")
    expect(citizen.get_by_role("link", name="تحميل المحضر")).to_be_visible()
    figure = citizen.locator("figure", has_text=CAPTION)
    expect(figure.locator("img")).to_be_visible()
    assert figure.locator("img").evaluate("image => image.naturalWidth") == 480
    citizen.screenshot(path=ARTIFACTS / "citizen-meeting-recorded-ar.png", full_page=True)
