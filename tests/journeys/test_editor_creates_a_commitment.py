"""An editor, on a phone, in Arabic, creates a commitment on the OGP template and adds its
milestone; then copies one from the network's templates in one click and adapts it. The
citizen reads both on the public programme."""

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


@pytest.fixture
def a_programme(journey_member):
    from tenants.programme.models import Programme
    from tenants.programme.services import programme_create

    journey_member.run(
        lambda: (
            Programme.objects.first()
            or programme_create(
                by=Actor(name="test"),
                title_ar="تطوان جماعة منفتحة 2024-2026",
                period_start=2024,
                period_end=2026,
            )
        )
    )


@pytest.fixture
def a_network_template(journey_member):
    """A commitment template published by the directorate (public schema), committed for the
    server's threads and deleted after."""
    from django_tenants.utils import schema_context

    from network.publications.models import CommitmentTemplate
    from network.publications.tests.factories import template_factory

    def publish():
        with schema_context("public"):
            return template_factory(
                title_ar="سجل عمومي للصفقات",
                title_fr="Registre public des marchés",
                problem_ar="لا يعرف المواطنون مآل الصفقات",
                action_ar="نشر سجل الصفقات وتحيينه كل شهر",
            )

    template = journey_member.run(publish)
    yield template

    def withdraw():
        with schema_context("public"):
            CommitmentTemplate.objects.filter(pk=template.pk).delete()

    journey_member.run(withdraw)


def test_an_editor_creates_a_commitment_with_a_milestone_in_arabic(
    journey_member, a_programme, staff_page, citizen_page
):
    page = staff_page("editor")
    page.goto(journey_member.staff_url("/programme/"))
    page.get_by_role("link", name="إضافة التزام").click()
    expect(page.get_by_text("تُضاف مراحله في صفحة الالتزام بعد إنشائه")).to_be_visible()

    page.get_by_role("button", name="إنشاء الالتزام").click()  # empty: told what is missing
    expect(page.get_by_role("alert")).to_contain_text("هناك مشكلة")
    expect(page.get_by_role("alert")).to_contain_text("يرجى اختيار مبدأ واحد على الأقل")

    page.get_by_label("العنوان (بالعربية)").fill("بوابة رقمية للمشاركة المواطنة")
    page.get_by_label("المشاركة المواطنة").check()
    page.get_by_label("الرقمنة").check()
    page.get_by_label("الإشكالية المعالَجة (بالعربية)").fill(
        "ضعف مشاركة الشباب في تدبير الشأن المحلي"
    )
    page.get_by_label("المصلحة المسؤولة").fill("مصلحة التواصل")
    page.get_by_label("شركاء المجتمع المدني").fill("جمعية شباب تطوان")
    page.get_by_label("تاريخ البدء").fill("2025-01-01")
    page.get_by_label("تاريخ الانتهاء").fill("2026-12-31")
    page.get_by_role("button", name="إنشاء الالتزام").click()
    expect(page.get_by_role("status")).to_contain_text("تم إنشاء الالتزام")

    page.get_by_role("link", name="إضافة مرحلة").click()
    page.get_by_label("العنوان (بالعربية)").fill("إطلاق النسخة الأولى من البوابة")
    page.get_by_label("تاريخ الاستحقاق").fill("2026-06-30")
    page.get_by_role("button", name="إضافة المرحلة").click()
    expect(page.get_by_role("status")).to_contain_text("تمت إضافة المرحلة")
    expect(page.locator(".staff-milestones")).to_contain_text("إطلاق النسخة الأولى من البوابة")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-commitment-created-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url("/programme/"))
    citizen.get_by_role("link", name="بوابة رقمية للمشاركة المواطنة").click()
    expect(citizen.get_by_role("rowheader", name="إطلاق النسخة الأولى من البوابة")).to_be_visible()
    expect(citizen.locator(".commitment-template")).to_contain_text("مصلحة التواصل")
    citizen.screenshot(path=ARTIFACTS / "public-commitment-created-ar.png", full_page=True)


def test_an_editor_copies_a_network_template_and_adapts_it_in_arabic(
    journey_member, a_programme, a_network_template, staff_page, citizen_page
):
    page = staff_page("editor")
    page.goto(journey_member.staff_url("/programme/"))
    page.get_by_role("link", name="إضافة من نماذج الشبكة").click()
    expect(page.get_by_role("heading", name="سجل عمومي للصفقات")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "staff-commitment-templates-ar.png", full_page=True)
    template = page.get_by_role("article", name="سجل عمومي للصفقات")
    template.get_by_role("button", name="نسخ إلى برنامجي").click()

    expect(page.get_by_role("status")).to_contain_text("تم نسخ النموذج")
    expect(page.get_by_role("heading", level=1)).to_have_text("تعديل الالتزام")
    expect(page.get_by_label("العنوان (بالعربية)")).to_have_value("سجل عمومي للصفقات")
    page.get_by_label("العنوان (بالعربية)").fill("سجل عمومي لصفقات جماعة تطوان")
    page.get_by_label("المصلحة المسؤولة").fill("مصلحة الصفقات")
    page.get_by_role("button", name="حفظ الالتزام").click()
    expect(page.get_by_role("status")).to_contain_text("تم حفظ الالتزام")
    expect(page.get_by_role("heading", level=1)).to_contain_text("سجل عمومي لصفقات جماعة تطوان")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-commitment-from-template-ar.png", full_page=True)
    page.get_by_role("link", name="الالتزامات").first.click()
    expect(page.locator(".staff-commitments")).to_contain_text("سجل عمومي لصفقات جماعة تطوان")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-commitments-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url("/programme/"))
    citizen.get_by_role("link", name="سجل عمومي لصفقات جماعة تطوان").click()
    expect(citizen.locator(".commitment-template")).to_contain_text("مصلحة الصفقات")
    expect(citizen.get_by_text("التزام مقتبس من نموذج التزام تقترحه الشبكة")).to_be_visible()
