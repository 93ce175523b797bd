"""A citizen, on a phone and in Arabic, proposes an idea while Tétouan's programme is being
co-created and confirms it by the e-mailed link; another citizen supports it; the focal point
finds it in the inbox and answers it (retained, as a commitment of the programme); the citizen
then sees the answer and the idea's dated path, and the commitment shows the idea it came
from."""

import re

import pytest
from django.core import mail

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

TITLE = "نشر ميزانية الجماعة بصيغة مفتوحة"
IDEA = (
    "أقترح أن تنشر الجماعة ميزانيتها وحساباتها كل سنة بصيغة CSV قابلة لإعادة الاستعمال، "
    "مع ملخص مبسط للمواطنين."
)
COMMITMENT = "نشر الميزانية والحسابات بصيغة مفتوحة"


def _last_link(path_start: str) -> str:
    """The path of the link in the last e-mail (the outbox is delivered in this process)."""
    return re.search(rf"https?://[^/\s]+({path_start}\S+/)", mail.outbox[-1].body).group(1)


def test_a_citizen_proposes_an_idea_another_supports_it_and_the_focal_point_retains_it(
    journey_member, staff_page, citizen_page
):
    from tenants.programme.tests.factories import commitment_factory, programme_factory

    def arrange():
        programme = programme_factory(
            status="draft", title_ar="برنامج الانفتاح 2026-2028", period_start=2026, period_end=2028
        )
        return commitment_factory(programme, 1, title_ar=COMMITMENT)

    commitment = journey_member.run(arrange)

    # A citizen on a phone: the ideas, the call while the programme is co-created.
    citizen = citizen_page()
    citizen.goto(journey_member.url("/ideas/"))
    expect(citizen.locator("#phase")).to_contain_text("مرحلة الإعداد المشترك")
    citizen.get_by_role("link", name="اقتراح فكرة").first.click()
    citizen.get_by_label("مبدأ البرنامج").select_option("transparency_integrity")
    citizen.get_by_label("عنوان فكرتكم").fill(TITLE)
    citizen.get_by_label("فكرتكم", exact=True).fill(IDEA)
    citizen.get_by_label("اسمكم").fill("سعاد العلمي")
    citizen.get_by_label("إظهار اسمي مع فكرتي").check()
    citizen.get_by_label("بريدكم الإلكتروني").fill("souad@example.ma")
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "idea-propose-phone-ar.png", full_page=True)
    citizen.get_by_role("button", name="إرسال فكرتي").click()
    expect(citizen.get_by_role("status")).to_contain_text("تفقدوا بريدكم الإلكتروني")

    citizen.goto(journey_member.url(_last_link("/ideas/confirm/")))
    expect(citizen.get_by_role("heading", level=1)).to_have_text("نشرت فكرتكم")
    citizen.get_by_role("link", name="الاطلاع على الفكرة").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    idea_url = citizen.url

    # Another citizen supports it, through the link e-mailed to them.
    neighbour = citizen_page()
    neighbour.goto(idea_url)
    support = neighbour.locator("#support form")
    support.get_by_label("بريدكم الإلكتروني").fill("karim@example.ma")
    support.get_by_role("button", name="دعم هذه الفكرة").click()
    expect(neighbour.get_by_role("status")).to_contain_text("سيحتسب دعمكم")
    neighbour.goto(journey_member.url(_last_link("/ideas/confirm/")))
    expect(neighbour.get_by_role("heading", level=1)).to_have_text("احتسب دعمكم")
    neighbour.goto(idea_url)
    expect(neighbour.locator("#support")).to_contain_text("شخص واحد يدعم هذه الفكرة.")
    neighbour.screenshot(path=ARTIFACTS / "idea-supported-phone-ar.png", full_page=True)

    # The focal point: the inbox, then the answer with the commitment it became.
    page = staff_page("focal_point")
    page.locator("#inbox-ideas").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    page.get_by_label("معتمدة", exact=True).check()
    page.get_by_label("الالتزام الذي أصبحت عليه (عند اعتمادها)").select_option(str(commitment.pk))
    page.get_by_label("التعليل بالعربية").fill("أدرجت الفكرة في الالتزام الأول من البرنامج.")
    page.get_by_role("button", name="نشر الجواب").click()
    expect(page.get_by_role("status")).to_contain_text("نشر الجواب الرسمي في صفحة الفكرة.")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "idea-answered-staff-phone-ar.png", full_page=True)

    # The citizen sees the answer, the commitment and the dated path.
    citizen.goto(idea_url)
    answer = citizen.locator("#answer")
    expect(answer).to_contain_text("معتمدة")
    expect(answer).to_contain_text(COMMITMENT)
    expect(answer).to_contain_text("أدرجت الفكرة في الالتزام الأول من البرنامج.")
    path = citizen.locator(".idea-path")
    expect(path).to_contain_text("اقترحت")
    expect(path).to_contain_text("الجواب الرسمي: معتمدة")
    # A supporter's address stays private.
    expect(citizen.locator("body")).not_to_contain_text("karim@example.ma")
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "idea-answer-seen-phone-ar.png", full_page=True)
    answer.get_by_role("link", name=re.compile(COMMITMENT)).click()
    expect(citizen.locator("#ideas")).to_contain_text(TITLE)
    citizen.screenshot(path=ARTIFACTS / "commitment-from-idea-phone-ar.png", full_page=True)
