"""An editor, on a phone, updates a commitment's completion with a progress note and marks a
milestone done with a link; the citizen then reads the new level and the history line on the
public commitment page. In Arabic and in French."""

from datetime import date, timedelta

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from kernel.actors import Actor

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

WORDS = {
    "ar": {
        "level": "مستوى الإنجاز",
        "new_level": "جوهري",
        "note": "ملاحظة حول سير الإنجاز",
        "save": "حفظ سير الإنجاز",
        "saved": "تم حفظ سير الإنجاز",
        "mark_done": "تسجيل الإنجاز",
        "link": "الإثبات (رابط)",
        "done": "تم تسجيل إنجاز المرحلة",
        "written": "نُشرت ميزانية 2025 على الموقع بصيغة مفتوحة.",
    },
    "fr": {
        "level": "Niveau d'achèvement",
        "new_level": "Substantiel",
        "note": "Note d'avancement",
        "save": "Enregistrer l'avancement",
        "saved": "Avancement enregistré",
        "mark_done": "Marquer comme réalisé",
        "link": "Justificatif (lien)",
        "done": "Le jalon est marqué comme réalisé",
        "written": "Le budget 2025 est publié sur le site en format ouvert.",
    },
}


def a_commitment_with_a_milestone_due_last_week(journey_member, number: int):
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
            number=number,
            title_ar="نشر الميزانية بصيغة مفتوحة",
            title_fr="Publier le budget en format ouvert",
            principles=["transparency_integrity"],
            start_date=date(2024, 1, 1),
            end_date=date(2026, 12, 31),
        )
        milestone = milestone_create(
            commitment=commitment,
            by=Actor(name="test"),
            title_ar="نشر ميزانية 2025",
            title_fr="Publier le budget 2025",
            due_on=date.today() - timedelta(days=7),
        )
        return commitment, milestone

    return journey_member.run(arrange)


@pytest.mark.parametrize("language, number", [("ar", 1), ("fr", 2)])
def test_an_editor_updates_a_commitment_and_marks_a_milestone_done(
    journey_member, staff_page, citizen_page, language, number
):
    words = WORDS[language]
    commitment, milestone = a_commitment_with_a_milestone_due_last_week(journey_member, number)

    page = staff_page("editor", language=language)
    page.goto(journey_member.staff_url("/programme/"))
    title = commitment.title_ar if language == "ar" else commitment.title_fr
    page.get_by_role("link", name=f"{number}. {title}").click()
    page.get_by_label(words["level"]).select_option(label=words["new_level"])
    page.get_by_label(words["note"]).fill(words["written"])
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["saved"])

    page.get_by_role("link", name=words["mark_done"]).click()
    page.get_by_label(words["link"]).fill("https://tetouan.ma/budget-2025")
    page.get_by_role("button", name=words["mark_done"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["done"])
    expect(page.locator(f"#milestone-{milestone.pk}")).to_contain_text(
        "أُنجزت في" if language == "ar" else "Réalisé le"
    )
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / f"staff-commitment-progress-{language}.png", full_page=True)

    citizen = citizen_page(language=language)
    citizen.goto(journey_member.url(f"/programme/commitments/{commitment.pk}/"))
    expect(citizen.locator(".completion").first).to_have_text(words["new_level"])
    history = citizen.locator("ol.history")
    expect(history).to_contain_text(words["written"])
    expect(history).to_contain_text(words["new_level"])
    expect(
        citizen.get_by_role("link", name="رابط" if language == "ar" else "Lien")
    ).to_have_attribute("href", "https://tetouan.ma/budget-2025")
    citizen.screenshot(
        path=ARTIFACTS / f"public-commitment-after-progress-{language}.png", full_page=True
    )
