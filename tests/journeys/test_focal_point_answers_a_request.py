"""The focal point answers information requests from the workspace, on a phone: follows an
overdue request from the inbox and answers it, and the citizen sees it answered in the public
register; refuses another on a legal ground with reasons; extends a third. An editor, who
may answer too, never sees the requester's identity number. Once in French as well."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


def _file_request(journey_member, wanted: str, *, days_ago: int = 0, email: str = ""):
    from tenants.information_requests.services import information_request_file

    return journey_member.run(
        lambda: information_request_file(
            requester_name="سعيد بنعلي",
            id_document="cin",
            id_number="L123456",
            postal_address="حي الملاح، تطوان",
            email=email or f"{abs(hash(wanted))}@example.ma",
            information_wanted=wanted,
            today=timezone.localdate() - timedelta(days=days_ago) if days_ago else None,
        )
    )


def _state_of(journey_member, information_request):
    from tenants.information_requests.models import InformationRequest

    return journey_member.run(
        lambda: InformationRequest.objects.get(pk=information_request.pk).state
    )


def test_the_focal_point_answers_an_overdue_request_and_the_citizen_sees_it(
    journey_member, staff_page, citizen_page
):
    late = _file_request(journey_member, "نسخة من الحساب الإداري لسنة 2024.", days_ago=45)

    page = staff_page("focal_point")
    page.locator("#inbox-requests").get_by_role("link", name=late.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(late.reference)
    expect(page.locator(".request-deadline")).to_contain_text("يعتبر الطلب مرفوضا")
    expect(page.locator(".identity-number")).to_have_text("L123456")  # the focal point's task
    answer = page.get_by_role("form", name="الجواب على الطلب")
    answer.get_by_label("نص الجواب").fill("تجدون رفقته الحساب الإداري لسنة 2024.")
    answer.get_by_role("button", name="إرسال الجواب").click()

    expect(page.get_by_role("status")).to_contain_text("تم إرسال الجواب")
    expect(page.locator(".staff-history")).to_contain_text("تم الرد")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-request-answered-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url("/information-requests/"))
    entry = citizen.locator(".list-group-item", has_text=late.reference)
    expect(entry).to_contain_text("تم الرد")
    entry.get_by_role("link", name=late.reference).click()
    expect(citizen.locator("main")).to_contain_text("تجدون رفقته الحساب الإداري لسنة 2024.")
    expect(citizen.locator("body")).not_to_contain_text("L123456")
    citizen.screenshot(path=ARTIFACTS / "register-request-answered-ar.png", full_page=True)


def test_the_focal_point_refuses_one_request_and_extends_another(
    journey_member, staff_page, citizen_page
):
    to_refuse = _file_request(journey_member, "لائحة بأسماء المستفيدين من الدعم مع عناوينهم.")
    to_extend = _file_request(journey_member, "كل صفقات الجماعة منذ سنة 2015.")
    page = staff_page("focal_point")

    page.goto(journey_member.staff_url(f"/requests/{to_refuse.pk}/"))
    page.locator("#action-refuse summary").click()
    refusal = page.get_by_role("form", name="رفض الطلب")
    refusal.get_by_role("button", name="رفض الطلب").click()  # nothing chosen: told what to fix
    expect(page.get_by_role("alert").first).to_contain_text("هناك مشكلة")
    assert _state_of(journey_member, to_refuse) == "received"
    refusal = page.get_by_role("form", name="رفض الطلب")
    refusal.get_by_label("سند الرفض").select_option("private_life")
    refusal.get_by_label("أسباب الرفض").fill("المعلومات المطلوبة معطيات شخصية تخص أشخاصا آخرين.")
    refusal.get_by_role("button", name="رفض الطلب").click()
    expect(page.get_by_role("status")).to_contain_text("تم إرسال قرار الرفض")
    expect(page.locator(".request-facts")).to_contain_text("الحياة الخاصة")
    page.screenshot(path=ARTIFACTS / "staff-request-refused-ar.png", full_page=True)

    page.goto(journey_member.staff_url(f"/requests/{to_extend.pk}/"))
    page.locator("#action-extend summary").click()
    extension = page.get_by_role("form", name="تمديد الأجل")
    extension.get_by_label("سبب التمديد").fill("المعلومات موزعة على عدة مصالح ويتطلب جمعها وقتا.")
    extension.get_by_role("button", name="تمديد الأجل").click()
    expect(page.get_by_role("status")).to_contain_text("تم تمديد الأجل")
    expect(page.locator("#action-extend")).to_have_count(0)  # once only
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-request-extended-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/information-requests/{to_refuse.pk}/"))
    expect(citizen.locator("body")).to_contain_text("المعلومات المطلوبة معطيات شخصية")


def test_an_editor_answers_without_seeing_the_identity_number(journey_member, staff_page):
    waiting = _file_request(journey_member, "محضر دورة فبراير للمجلس.")
    page = staff_page("editor", name="يوسف الإدريسي")
    page.goto(journey_member.staff_url(f"/requests/{waiting.pk}/"))
    expect(page.locator(".request-people")).to_contain_text("حي الملاح، تطوان")
    expect(page.locator(".request-people")).to_contain_text("لا يطلع عليه إلا نقطة الارتكاز")
    expect(page.locator("body")).not_to_contain_text("L123456")
    page.screenshot(path=ARTIFACTS / "staff-request-editor-ar.png", full_page=True)


def test_the_focal_point_answers_a_request_in_french(journey_member, staff_page):
    waiting = _file_request(journey_member, "Le budget de la commune pour 2026.")
    page = staff_page("focal_point", language="fr", name="Amina Alaoui")
    page.locator("#inbox-requests").get_by_role("link", name=waiting.reference).click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_role("form", name="Commencer le traitement").get_by_role(
        "button", name="Commencer le traitement"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Le traitement a commencé")
    answer = page.get_by_role("form", name="Répondre à la demande")
    answer.get_by_label("Texte de la réponse").fill("Vous trouverez ci-joint le budget 2026.")
    answer.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_role("status")).to_contain_text("La réponse a été envoyée")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-request-answered-fr.png", full_page=True)
    assert _state_of(journey_member, waiting) == "answered"
