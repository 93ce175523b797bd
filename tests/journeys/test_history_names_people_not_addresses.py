"""An editor who never set a name records progress from the workspace, on a phone; the citizen
reading the commitment's history in Arabic sees who by role ("محرر"), never the editor's e-mail,
and the history row keeps the editor's account (kernel.actors)."""

from datetime import date

import pytest

from kernel.actors import Actor
from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

NOTE = "نُشرت ميزانية 2025 على الموقع بصيغة مفتوحة."


def a_commitment(journey_member):
    from tenants.programme.models import Programme
    from tenants.programme.services import commitment_create, programme_create

    def arrange():
        programme = Programme.objects.first() or programme_create(
            by=Actor(name="test"),
            title_ar="تطوان جماعة منفتحة 2024-2026",
            period_start=2024,
            period_end=2026,
        )
        return commitment_create(
            programme=programme,
            by=Actor(name="test"),
            number=31,
            title_ar="نشر الصفقات العمومية",
            principles=["transparency_integrity"],
            start_date=date(2024, 1, 1),
            end_date=date(2026, 12, 31),
        )

    return journey_member.run(arrange)


def test_the_history_shows_a_nameless_editor_by_role_and_keeps_the_account(
    journey_member, staff_page, citizen_page
):
    commitment = a_commitment(journey_member)
    page = staff_page("editor", name="")
    page.goto(journey_member.staff_url("/programme/"))
    page.get_by_role("link", name=f"31. {commitment.title_ar}").click()
    page.get_by_label("مستوى الإنجاز").select_option(label="محدود")
    page.get_by_label("ملاحظة حول سير الإنجاز").fill(NOTE)
    page.get_by_role("button", name="حفظ سير الإنجاز").click()
    expect(page.get_by_role("status")).to_contain_text("تم حفظ سير الإنجاز")

    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/programme/commitments/{commitment.pk}/"))
    line = citizen.locator("ol.history li").filter(has_text=NOTE)
    expect(line).to_contain_text("محرر")
    expect(citizen.locator("body")).not_to_contain_text("@tetouan.example.ma")
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "public-history-by-role-ar.png", full_page=True)

    def recorded():
        from tenants.programme.models import ProgressUpdate

        update = ProgressUpdate.objects.select_related("by_account").get(
            commitment_id=commitment.pk, field="completion"
        )
        return update.by, update.by_account.email

    name, email = journey_member.run(recorded)
    assert name == "محرر" and email.startswith("editor.") and email.endswith("@tetouan.example.ma")
