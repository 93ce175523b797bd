"""A citizen, on a phone, in Arabic, searches the site for "المحضر" (the minutes) from the
search box of the header, finds the council's minutes among the results with the word
highlighted, and opens them; a search that finds nothing says what to do next."""

import re
from datetime import date

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
MINUTES = "محضر الدورة العادية لشهر فبراير 2026"


@pytest.fixture
def published(journey_member, media_root):
    def arrange():
        from django.core.files.base import ContentFile

        from tenants.documents.services import document_create
        from tenants.meetings.services import meeting_create
        from django.utils import timezone

        document_create(
            by=Actor(name="test"),
            category="council",
            title_ar=MINUTES,
            title_fr="Procès-verbal de la session ordinaire de février 2026",
            description_ar="صادق المجلس خلال الدورة على الحساب الإداري لسنة 2025.",
            published_on=date(2026, 2, 20),
            file=ContentFile(PDF, name="mahdar-fevrier-2026.pdf"),
        )
        document_create(
            by=Actor(name="test"),
            category="budget_accounts",
            title_ar="الميزانية السنوية 2026",
            link="https://www.example.ma/budget-2026.pdf",
            published_on=date(2026, 1, 5),
        )
        meeting_create(
            kind="information",
            title_ar="لقاء تواصلي حول محضر الدورة",
            starts_at=timezone.now() - timezone.timedelta(days=10),
        )

    journey_member.run(arrange)


def test_a_citizen_searches_the_minutes_in_arabic_on_a_phone(
    journey_member, published, citizen_page
):
    page = citizen_page()
    page.goto(journey_member.url("/"))
    page.get_by_role("search").get_by_label("البحث في الموقع").fill("المحضر")
    page.get_by_role("search").get_by_role("button", name="بحث").click()

    expect(page.get_by_role("heading", name="البحث في الموقع")).to_be_visible()
    results = page.locator("ol.list-group")
    expect(results).to_contain_text(MINUTES)
    expect(results.locator("mark").first).to_have_text("محضر")
    expect(page.get_by_text("الميزانية السنوية 2026")).to_have_count(0)  # not about minutes
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "citizen-search-results-ar.png", full_page=True)

    minutes = page.get_by_role("link", name=MINUTES)
    expect(minutes).to_have_attribute("href", re.compile(r"/media/members/.+\.pdf$"))
    with page.expect_response(re.compile(r"\.pdf$")) as opened:
        minutes.click()
    assert opened.value.status == 200  # the member's copy of the minutes
    expect(page).to_have_url(re.compile(r"mahdar-fevrier-2026\.pdf$"))  # shown by the browser

    page.goto(journey_member.url("/search/?q=" + "المحضر"))
    page.get_by_role("main").get_by_label("الكلمات المراد البحث عنها، بالعربية أو بالفرنسية").fill(
        "النظافة"
    )
    page.get_by_role("main").get_by_role("button", name="بحث").click()
    expect(page.get_by_role("status")).to_contain_text("لم نجد شيئا يطابق «النظافة»")
    expect(
        page.get_by_role("status").get_by_role("link", name="طلب الحصول على المعلومات")
    ).to_be_visible()
    page.screenshot(path=ARTIFACTS / "citizen-search-nothing-found-ar.png", full_page=True)
