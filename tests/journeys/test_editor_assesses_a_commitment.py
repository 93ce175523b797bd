"""An editor, on a phone and in Arabic, finds in the inbox that a commitment which ended last
month owes its end-of-commitment assessment; fills the commitment's OGP Local fields (point of
contact made public, budget, the communal action programme, a Sustainable Development Goal),
then records the monitoring committee's assessment with its evidence. The citizen then reads
all of it on the public commitment page."""

from datetime import date, timedelta

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

FINDINGS = "صارت الميزانية تنشر كل سنة بصيغة مفتوحة، واستعملتها جمعيتان في تقاريرهما."


def a_commitment_that_ended_last_month(journey_member):
    from tenants.programme.models import Programme
    from tenants.programme.services import commitment_create, programme_create

    def arrange():
        programme = Programme.objects.first() or programme_create(
            by=Actor(name="test"),
            title_ar="تطوان جماعة منفتحة 2024-2026",
            title_fr="Tétouan commune ouverte 2024-2026",
            period_start=2024,
            period_end=2026,
        )
        return commitment_create(
            programme=programme,
            by=Actor(name="test"),
            number=7,
            title_ar="ميزانية مفتوحة للمواطنين",
            title_fr="Un budget ouvert aux citoyens",
            principles=["transparency_integrity"],
            start_date=date(2024, 1, 1),
            end_date=date.today() - timedelta(days=20),
        )

    return journey_member.run(arrange)


def test_an_editor_fills_the_ogp_fields_and_assesses_a_commitment_in_arabic(
    journey_member, staff_page, citizen_page
):
    commitment = a_commitment_that_ended_last_month(journey_member)
    page = staff_page("editor")

    # The inbox says the assessment is owed, and when.
    page.goto(journey_member.staff_url("/"))
    owed = page.locator("#inbox-assessments")
    expect(owed).to_contain_text("تقييمات OGP Local المنتظرة")
    expect(owed).to_contain_text("ميزانية مفتوحة للمواطنين")
    page.screenshot(path=ARTIFACTS / "staff-inbox-assessment-owed-ar.png", full_page=True)

    # The commitment's OGP Local fields.
    page.goto(journey_member.staff_url(f"/programme/commitments/{commitment.pk}/"))
    page.get_by_role("link", name="تعديل الالتزام").click()
    page.get_by_label("الشخص المكلف بالتواصل", exact=True).fill("كريمة العلمي")
    page.get_by_label("صفة الشخص المكلف بالتواصل").fill("رئيسة مصلحة الشؤون المالية")
    page.get_by_label("البريد الإلكتروني للشخص المكلف بالتواصل").fill("k.alami@tetouan.ma")
    page.get_by_label("إظهار الشخص المكلف بالتواصل في الصفحة العمومية").check()
    page.get_by_label("الميزانية (بالدرهم)").fill("250000")
    page.get_by_label("مصدر التمويل (بالعربية)").fill("ميزانية الجماعة")
    page.get_by_label("برنامج عمل الجماعة (PAC)").check()
    page.get_by_label("16. السلام والعدل والمؤسسات القوية").check()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-commitment-ogp-fields-ar.png", full_page=True)
    page.get_by_role("button", name="حفظ الالتزام").click()
    expect(page.get_by_role("status")).to_contain_text("تم حفظ الالتزام.")

    # The monitoring committee's end-of-commitment assessment, with its evidence.
    page.get_by_role("link", name="تسجيل تقييم نهاية الالتزام").click()
    page.get_by_label("مستوى الإنجاز").select_option(label="مكتمل")
    page.get_by_label("هل ساهم في انفتاح التدبير؟").select_option(label="كبير")
    page.get_by_label("النتائج والدروس المستخلصة (بالعربية)").fill(FINDINGS)
    page.get_by_label("الإثبات (رابط)").fill("https://tetouan.ma/budget-ouvert")
    page.get_by_role("button", name="حفظ التقييم").click()
    expect(page.get_by_role("status")).to_contain_text("تم حفظ تقييم نهاية الالتزام")
    expect(page.locator("section[aria-labelledby=assessment-title]")).to_contain_text("كبير")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-commitment-assessed-ar.png", full_page=True)

    # Nothing is owed any more.
    page.goto(journey_member.staff_url("/"))
    expect(page.locator("#inbox-assessments .inbox-item")).to_have_count(0)

    # The citizen reads it all on the public page.
    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/programme/commitments/{commitment.pk}/"))
    expect(citizen.locator(".commitment-contact")).to_contain_text("كريمة العلمي")
    expect(citizen.locator(".commitment-budget")).to_contain_text("درهم")
    expect(citizen.locator(".commitment-budget")).to_contain_text("ميزانية الجماعة")
    expect(citizen.locator(".commitment-plans")).to_have_text("برنامج عمل الجماعة (PAC)")
    expect(citizen.locator(".commitment-sdgs")).to_contain_text(
        "16. السلام والعدل والمؤسسات القوية"
    )
    expect(citizen.locator(".opened-government")).to_have_text("كبير")
    expect(citizen.get_by_text(FINDINGS)).to_be_visible()
    expect(citizen.get_by_role("link", name="رابط")).to_have_attribute(
        "href", "https://tetouan.ma/budget-ouvert"
    )
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "public-commitment-assessed-ar.png", full_page=True)
