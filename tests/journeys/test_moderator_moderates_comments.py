"""A moderator, on a phone and in Arabic, finds a reported comment in the inbox and hides it with
a reason, then answers another comment with a reasoned response; the citizen's consultation
page then shows the response and no longer shows the hidden comment."""

import re

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

INSULT = "هذا المنتخب لص ولا يستحق مقعده، والجماعة كلها فاسدة."
PROPOSAL = (
    "أقترح أن تنشر الجماعة ميزانيتها كل سنة بصيغة مفتوحة قابلة لإعادة الاستعمال، مع شرح "
    "مبسط للأبواب الكبرى بالعربية والأمازيغية، حتى يفهم المواطنون أين تذهب الموارد."
)
REASONS = "سننشر الميزانية بصيغة CSV ابتداء من سنة 2027، أما الشرح بالأمازيغية فسيدرس مع الشركاء."


def test_a_moderator_hides_a_reported_comment_and_answers_another_in_arabic(
    journey_member, staff_page, citizen_page
):
    from tenants.consultations.services import comment_report, comment_submit
    from tenants.consultations.tests.factories import consultation_in

    def arrange():
        consultation = consultation_in(title_ar="استشارة حول مسودة برنامج الانفتاح 2025-2027")

        def comment(body, email, name):
            return comment_submit(
                consultation=consultation,
                author_name=name,
                email=email,
                body=body,
                show_name=True,
                verified_email=email,
                site_url=journey_member.url(),
            )

        insult = comment(INSULT, "anonymous@example.ma", "مجهول")
        comment_report(comment=insult, address="10.9.9.1")
        proposal = comment(PROPOSAL, "nadia@example.ma", "نادية الحسني")
        return consultation, proposal

    consultation, proposal = journey_member.run(arrange)

    # The inbox: the reported comment first, with its report.
    page = staff_page("moderator", name="يوسف الشاوني")
    comments = page.locator("#inbox-comments")
    expect(comments).to_contain_text("تبليغ واحد")
    comments.get_by_role("link", name=re.compile("هذا المنتخب لص")).click()

    # Hidden, with a reason.
    expect(page.get_by_role("heading", level=1)).to_contain_text("التعليق")
    expect(page.get_by_text(INSULT)).to_be_visible()
    page.get_by_role("button", name="إخفاء التعليق").click()
    expect(page.get_by_role("alert")).to_contain_text("اذكروا سبب هذا القرار.")
    page.get_by_label("سبب الإخفاء").fill("يتضمن سبا واتهاما لأحد المنتخبين دون دليل.")
    page.get_by_role("button", name="إخفاء التعليق").click()
    expect(page.get_by_role("status")).to_contain_text("تم إخفاء التعليق من الصفحة العمومية")
    expect(page.locator("#log-title + ol")).to_contain_text("يتضمن سبا واتهاما")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-comment-hidden-ar.png", full_page=True)

    # The list: the other comment awaits its reasoned response.
    page.get_by_role("link", name="التعليقات", exact=True).first.click()
    card = page.locator("li.staff-comment", has_text="أقترح أن تنشر الجماعة")
    expect(card).to_contain_text("في انتظار رد معلل")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-comments-list-ar.png", full_page=True)
    card.get_by_role("link", name=re.compile("^فتح")).click()

    page.get_by_label("مقبول جزئيا", exact=True).check()
    page.get_by_label("التعليل بالعربية", exact=True).fill(REASONS)
    page.get_by_role("button", name="نشر الرد").click()
    expect(page.get_by_role("status")).to_contain_text("تم نشر الرد المعلل تحت التعليق.")
    expect(page.get_by_role("button", name="تحيين الرد")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-comment-answered-ar.png", full_page=True)

    # What the citizen sees.
    citizen = citizen_page()
    citizen.goto(journey_member.url(f"/consultations/{consultation.pk}/"))
    answered = citizen.locator(f"#comment-{proposal.pk}")
    expect(answered).to_contain_text("مقبول جزئيا")
    expect(answered).to_contain_text(REASONS)
    expect(citizen.get_by_text(INSULT)).to_have_count(0)
    citizen.screenshot(
        path=ARTIFACTS / "citizen-consultation-after-moderation-ar.png", full_page=True
    )
