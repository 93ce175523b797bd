"""An editor, on a phone and in Arabic, updates the programme's milestones from a spreadsheet:
she downloads them as an Excel workbook, fills in a done date, an evidence link and a new
completion level with its note, uploads the file, is told which line has a wrong date, fixes
it, checks the changes, saves them, and finds the milestone done on the commitment's page; the
citizen reads the new level and the note in the public history."""

import io
from datetime import date, timedelta

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from tests.journeys.conftest import DESKTOP
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

NOTE = "نُشرت ميزانية 2025 على الموقع بصيغة مفتوحة."
LINK = "https://tetouan.ma/budget-2025"


def a_commitment_with_two_milestones(journey_member):
    from tenants.programme.models import Programme
    from tenants.programme.services import commitment_create, milestone_create, programme_create

    def arrange():
        programme = Programme.objects.first() or programme_create(
            by=Actor(name="test"),
            title_ar="تطوان جماعة منفتحة 2024-2026",
            title_fr="Tétouan commune ouverte 2024-2026",
            period_start=2024,
            period_end=2026,
        )
        commitment = commitment_create(
            programme=programme,
            by=Actor(name="test"),
            number=7,
            title_ar="نشر الميزانية بصيغة مفتوحة",
            principles=["transparency_integrity"],
            start_date=date(2024, 1, 1),
            end_date=date(2026, 12, 31),
        )
        budget = milestone_create(
            commitment=commitment,
            by=Actor(name="test"),
            title_ar="نشر ميزانية 2025",
            start_on=date(2025, 1, 1),
            due_on=date.today() - timedelta(days=7),
        )
        milestone_create(
            commitment=commitment,
            by=Actor(name="test"),
            title_ar="نشر الحساب الإداري",
            due_on=date.today() + timedelta(days=60),
        )
        return commitment, budget

    return journey_member.run(arrange)


def the_workbook_filled_in(path, milestone_id: int, *, done) -> str:
    """What the editor does in Excel: her milestone's line filled in, saved as .xlsx."""
    from openpyxl import load_workbook

    with open(path, "rb") as downloaded:
        workbook = load_workbook(io.BytesIO(downloaded.read()))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == milestone_id:
            row[header.index("تاريخ الإنجاز")].value = done
            row[header.index("رابط الإثبات")].value = LINK
            row[header.index("مستوى إنجاز الالتزام")].value = "جوهري"
            row[header.index("ملاحظة حول سير الإنجاز")].value = NOTE
    out = ARTIFACTS / f"import-{milestone_id}-{'fixed' if isinstance(done, date) else 'wrong'}.xlsx"
    workbook.save(out)
    return str(out)


def test_an_editor_updates_milestones_from_a_spreadsheet_in_arabic(
    journey_member, staff_page, citizen_page
):
    commitment, milestone = a_commitment_with_two_milestones(journey_member)
    page = staff_page("editor")
    page.goto(journey_member.staff_url("/programme/"))
    page.get_by_role("link", name="تحيين المراحل من جدول بيانات").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("تحيين المراحل من جدول بيانات")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-progress-import-ar.png", full_page=True)

    with page.expect_download() as arrival:
        page.get_by_role("link", name="تحميل بصيغة Excel (xlsx)").click()
    download = arrival.value
    assert download.suggested_filename == "milestones-2024-2026.xlsx"

    # A date Excel could not read (month 13): the preview names the line and saves nothing.
    wrong = the_workbook_filled_in(download.path(), milestone.pk, done="31/13/2025")
    page.get_by_label("جدول البيانات (CSV أو xlsx)").set_input_files(wrong)
    page.get_by_role("button", name="معاينة التغييرات").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("هناك مشكلة")
    expect(summary).to_contain_text("السطر 2")
    expect(summary).to_contain_text("تاريخ الإنجاز «31/13/2025» ليس تاريخا صحيحا")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-progress-import-errors-ar.png", full_page=True)

    done_on = date.today() - timedelta(days=2)
    fixed = the_workbook_filled_in(download.path(), milestone.pk, done=done_on)
    page.get_by_label("جدول البيانات (CSV أو xlsx)").set_input_files(fixed)
    page.get_by_role("button", name="معاينة التغييرات").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("التحقق من التغييرات")
    changes = page.locator(f"#change-{milestone.pk}")
    expect(changes).to_contain_text("نشر ميزانية 2025")
    expect(changes).to_contain_text(LINK)
    expect(page.locator(".import-changes").first).to_contain_text("جوهري")
    assert journey_member.run(lambda: type(milestone).objects.get(pk=milestone.pk).done_on) is None
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-progress-import-preview-ar.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=ARTIFACTS / "staff-progress-import-preview-ar-desktop.png", full_page=True)

    page.get_by_role("button", name="حفظ هذه التغييرات").click()
    expect(page.get_by_role("status")).to_contain_text("عدد المراحل المحيّنة: 1")
    expect(page.get_by_role("status")).to_contain_text("عدد مستويات الإنجاز المغيّرة: 1")
    page.screenshot(path=ARTIFACTS / "staff-progress-import-result-ar-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-progress-import-result-ar.png", full_page=True)

    page.get_by_role("link", name="7. نشر الميزانية بصيغة مفتوحة").click()
    expect(page.locator(f"#milestone-{milestone.pk}")).to_contain_text("أُنجزت في")

    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/programme/commitments/{commitment.pk}/"))
    expect(citizen.locator(".completion").first).to_have_text("جوهري")
    expect(citizen.locator("ol.history")).to_contain_text(NOTE)
