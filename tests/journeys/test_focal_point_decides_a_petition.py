"""The focal point takes a petition through the council's course from the workspace, on a
phone, in Arabic: sees the bureau's deadline, declares it admissible with its reasons, refers
it to the competent committee, puts it on the agenda of a council session, records the
council's answer; the petition's public page then shows its path and the decision."""

import pytest
from django.utils import timezone

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

COMMITTEE = "لجنة المرافق العمومية والخدمات"
ANSWER = "قرر المجلس في دورته برمجة تهيئة حديقة حي الأمل ضمن ميزانية سنة 2027."


def _submitted_petition(journey_member):
    from tenants.petitions.models import Link, State
    from tenants.petitions.services import (
        petition_create,
        petition_settings_update,
        petition_transition,
        signature_add,
    )

    def arrange():
        petition_settings_update(threshold=3)
        petition = petition_create(
            by=Actor(name="أمينة العلوي"),
            subject="تهيئة حديقة عمومية بحي الأمل",
            text="نلتمس من المجلس إدراج نقطة تتعلق بتهيئة حديقة عمومية بحي الأمل.",
            agent_name="سعاد المرابط",
            agent_cin="L987654",
            agent_email="souad@example.ma",
        )
        for number in range(3):
            signature_add(
                petition=petition,
                full_name=f"موقع {number}",
                cin=f"AB{100000 + number}",
                link=Link.RESIDENT,
            )
        petition_transition(petition=petition, to=State.SUBMITTED, by=Actor(name="agent"))
        return petition

    return journey_member.run(arrange)


def test_the_focal_point_decides_a_petition_and_the_public_page_shows_it(
    journey_member, staff_page, citizen_page
):
    petition = _submitted_petition(journey_member)
    today = timezone.localdate().isoformat()

    page = staff_page("focal_point")
    page.locator("#inbox-petitions").get_by_role("link", name=petition.subject).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(petition.subject)
    expect(page.locator(".request-people")).to_contain_text("L987654")  # the focal point's task

    expect(page.locator(".request-facts")).to_contain_text("آخر أجل لبت المكتب")
    expect(page.locator(".request-facts")).to_contain_text("المادة 125")
    admissible = page.get_by_role("form", name="التصريح بقبولها")
    admissible.get_by_label("تعليل قرار المكتب").fill("تدخل في صلاحيات المجلس واستوفت الشروط.")
    admissible.get_by_role("button", name="التصريح بالقبول").click()
    expect(page.get_by_role("status")).to_contain_text("تم التصريح بقبول العريضة")

    refer = page.get_by_role("form", name="إحالتها على اللجنة المختصة")
    refer.get_by_role("button", name="الإحالة على اللجنة").click()  # no committee: told so
    expect(page.get_by_role("alert").first).to_contain_text("هناك مشكلة")
    refer = page.get_by_role("form", name="إحالتها على اللجنة المختصة")
    refer.get_by_label("اللجنة", exact=True).fill(COMMITTEE)
    refer.get_by_role("button", name="الإحالة على اللجنة").click()
    expect(page.get_by_role("status")).to_contain_text("أحيلت العريضة على اللجنة")
    expect(page.locator(".request-facts")).to_contain_text("الدورة العادية الموالية")
    page.screenshot(path=ARTIFACTS / "staff-petition-referred-ar.png", full_page=True)

    agenda = page.get_by_role("form", name="إدراجها في جدول أعمال دورة المجلس")
    agenda.get_by_label("تاريخ دورة المجلس").fill(today)
    agenda.get_by_role("button", name="الإدراج في جدول الأعمال").click()
    expect(page.get_by_role("status")).to_contain_text("أُدرجت العريضة في جدول أعمال دورة المجلس")

    decision = page.get_by_role("form", name="تسجيل قرار المجلس")
    decision.get_by_role("button", name="تسجيل القرار").click()  # no answer yet: told so
    expect(page.get_by_role("alert").first).to_contain_text("هناك مشكلة")
    decision = page.get_by_role("form", name="تسجيل قرار المجلس")
    decision.get_by_label("قرار المجلس وجوابه").fill(ANSWER)
    decision.get_by_role("button", name="تسجيل القرار").click()
    expect(page.get_by_role("status")).to_contain_text("تم تسجيل قرار المجلس")
    expect(page.locator(".staff-history")).to_contain_text("بتّ فيها المجلس")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-petition-decided-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/petitions/{petition.pk}/"))
    expect(citizen.get_by_role("heading", name="جواب المجلس")).to_be_visible()
    expect(citizen.locator("main")).to_contain_text(ANSWER)
    expect(citizen.get_by_role("heading", name="مسارها لدى المجلس")).to_be_visible()
    expect(citizen.locator(".petition-path")).to_contain_text(COMMITTEE)
    expect(citizen.locator("main")).not_to_contain_text("L987654")
    citizen.screenshot(path=ARTIFACTS / "petition-decided-public-ar.png", full_page=True)


def test_an_editor_sees_the_petition_without_the_cins(journey_member, staff_page):
    petition = _submitted_petition(journey_member)
    page = staff_page("editor", name="يوسف الإدريسي")
    page.goto(journey_member.staff_url(f"/petitions/{petition.pk}/"))
    expect(page.locator(".request-people")).to_contain_text("سعاد المرابط")
    expect(page.locator("body")).not_to_contain_text("L987654")
    expect(page.locator("body")).not_to_contain_text("AB100000")
    page.screenshot(path=ARTIFACTS / "staff-petition-editor-ar.png", full_page=True)
