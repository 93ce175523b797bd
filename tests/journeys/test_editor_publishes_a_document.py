"""An editor, on a phone, in Arabic, publishes a document into the library with its file; the
citizen finds it in the public library under its category."""

import re

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_an_editor_publishes_a_document_in_arabic(
    journey_member, media_root, staff_page, citizen_page
):
    page = staff_page("editor")
    page.goto(journey_member.staff_url("/documents/"))
    expect(page.locator(".staff-shelves")).to_contain_text("لم تُحيَّن قط")
    page.get_by_role("link", name="نشر وثيقة").click()

    page.get_by_role("button", name="نشر الوثيقة").click()  # empty: told what is missing
    expect(page.get_by_role("alert")).to_contain_text("أرفقوا ملفًا أو أدخلوا رابطًا")

    page.get_by_label("الفئة").select_option(label="الميزانية والحسابات")
    page.get_by_label("العنوان (بالعربية)").fill("الحساب الإداري لسنة 2025")
    page.get_by_label("الوصف (بالعربية)").fill("كما صادق عليه المجلس في دورة فبراير 2026.")
    page.get_by_label("الملف", exact=True).set_input_files(
        files=[
            {"name": "compte-administratif-2025.pdf", "mimeType": "application/pdf", "buffer": PDF}
        ]
    )
    page.get_by_role("button", name="نشر الوثيقة").click()
    expect(page.get_by_role("status")).to_contain_text("تم نشر الوثيقة في المكتبة")
    expect(page.locator(".staff-documents")).to_contain_text("الحساب الإداري لسنة 2025")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-document-published-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url("/documents/"))
    link = citizen.get_by_role("link", name="الحساب الإداري لسنة 2025")
    expect(link).to_be_visible()
    expect(link).to_have_attribute(
        "href", re.compile(r"/media/members/.+\.pdf$")
    )  # the member's copy
    citizen.screenshot(path=ARTIFACTS / "public-library-after-publishing-ar.png", full_page=True)
