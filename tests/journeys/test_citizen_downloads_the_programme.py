"""A citizen, on a phone and in Arabic, opens the member's openness programme and downloads it
as a PDF: the first time the workers prepare it (a page says so and refreshes by itself), then
the download arrives, and it is the programme, in Arabic."""

from datetime import date

import pypdfium2 as pdfium
import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from tests.worker_process import worker_start, worker_stop

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

TITLE = "برنامج عمل الجماعة المنفتحة 2024-2026"
COMMITMENT = "تعزيز مشاركة الشباب في تدبير الشأن المحلي"


@pytest.fixture
def worker(media_root):
    """A real worker on the queue that renders PDFs, writing in this test's media folder."""
    process = worker_start(queues="aggregation", MEDIA_ROOT=str(media_root))
    yield process
    worker_stop(process)


def test_a_citizen_downloads_the_programme_as_a_pdf_in_arabic(
    journey_member, citizen_page, worker, media_root
):
    from tenants.programme.tests.factories import (
        commitment_factory,
        milestone_factory,
        programme_factory,
    )

    def arrange():
        programme = programme_factory(title_ar=TITLE, status="adopted", adopted_on=date(2024, 2, 5))
        first = commitment_factory(
            programme, 1, title_ar=COMMITMENT, lead_department="مصلحة الشؤون الثقافية"
        )
        milestone_factory(first, due_on=date(2024, 6, 30))
        commitment_factory(programme, 2, title_ar="نشر الميزانية بصيغة مفتوحة")

    journey_member.run(arrange)

    page = citizen_page()
    page.goto(journey_member.url("/programme/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    link = page.get_by_role("link", name="تحميل البرنامج (PDF، بالعربية)")
    expect(link).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "citizen-programme-pdf-link-ar.png", full_page=True)

    with page.expect_download(timeout=60_000) as arrival:
        link.click()
        # The first time, the workers prepare it: the page says so, then refreshes by itself.
        expect(page.get_by_role("status")).to_contain_text("يتم إعداد نسخة PDF من البرنامج")
        assert fits_the_screen(page)
        page.screenshot(path=ARTIFACTS / "citizen-programme-pdf-preparing-ar.png", full_page=True)
    download = arrival.value
    assert download.suggested_filename == "programme-2024-2026-ar.pdf"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF-")
    document = pdfium.PdfDocument(data)
    assert len(document) == 4  # cover, co-creation and list, one page per commitment
    assert "مصلحة الشؤون الثقافية" in document[1].get_textpage().get_text_range()
    document[0].render(scale=1).to_pil().save(ARTIFACTS / "citizen-programme-pdf-page-1.png")
    document.close()

    # Asked again, it comes at once from the member's storage.
    with page.expect_download(timeout=10_000) as again:
        page.goto(journey_member.url("/programme/"))
        page.get_by_role("link", name="تحميل البرنامج (PDF، بالعربية)").click()
    assert open(again.value.path(), "rb").read() == data
