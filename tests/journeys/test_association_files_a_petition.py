"""An association files a petition on a phone, in Arabic, through its legal representative:
a founding date too recent is refused in Arabic, the right one is accepted; once staff have
published it, the association sees its petition listed under its name."""

from datetime import date, timedelta

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

SUBJECT = "إحداث فضاء للقراءة بدار الشباب بحي الأمل"
ASSOCIATION = "جمعية حي الأمل للتنمية والثقافة"


def test_an_association_files_a_petition_and_sees_it_listed(journey_member, citizen_page):
    page = citizen_page()
    page.goto(journey_member.url("/petitions/new/"))
    page.get_by_label("جمعية، بواسطة ممثلها القانوني").check()
    page.get_by_label("الموضوع").fill(SUBJECT)
    page.get_by_label("نص العريضة").fill(
        "نلتمس من المجلس إدراج نقطة حول إحداث فضاء للقراءة بدار الشباب لفائدة شباب الحي."
    )
    page.get_by_label("اسم الجمعية").fill(ASSOCIATION)
    page.get_by_label("مرجع تسجيل الجمعية").fill("وصل نهائي عدد 45/2015")
    page.get_by_label("تاريخ تأسيس الجمعية").fill((date.today() - timedelta(days=400)).isoformat())
    page.get_by_label("بصفتي ممثلها القانوني").check()
    page.get_by_label("الاسم الكامل لوكيل العريضة").fill("سعاد المرابط")
    page.get_by_label("رقم البطاقة الوطنية للتعريف لوكيل العريضة").fill("L987654")
    page.get_by_label("البريد الإلكتروني لوكيل العريضة").fill("souad@example.ma")
    page.get_by_role("button", name="إيداع العريضة").click()
    expect(page.locator("main")).to_contain_text("يجب أن تكون الجمعية قد أسست منذ أكثر من 3 سنوات")
    page.screenshot(path=ARTIFACTS / "petition-association-refused-ar.png", full_page=True)

    page.get_by_label("تاريخ تأسيس الجمعية").fill("2015-03-01")
    page.get_by_role("button", name="إيداع العريضة").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/petitions/new/done/" in page.url

    def publish():
        from tenants.petitions.models import Petition
        from tenants.petitions.services import petition_publish

        petition = Petition.objects.get(subject=SUBJECT)
        assert petition.is_by_association and petition.association_name == ASSOCIATION
        petition_publish(petition=petition)
        return petition

    petition = journey_member.run(publish)

    page.goto(journey_member.url("/petitions/"))
    card = page.locator(".petition-card", has_text=SUBJECT)
    expect(card).to_contain_text(ASSOCIATION)
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "petition-association-listed-ar.png", full_page=True)
    card.get_by_role("link", name=SUBJECT).click()
    expect(page.locator("main")).to_contain_text("مقدمة من طرف جمعية")
    expect(page.locator("main")).not_to_contain_text("L987654")
    assert page.url.endswith(f"/petitions/{petition.pk}/")
