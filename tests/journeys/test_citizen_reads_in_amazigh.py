"""A citizen opens a member's site on a phone, switches to ⵜⴰⵎⴰⵣⵉⵖⵜ and reads the home page
in Tifinagh, drawn with the font the site serves; back in Arabic with one tap."""

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED


def test_a_citizen_switches_to_amazigh_on_a_phone(journey_member, citizen_page):
    page = citizen_page()
    page.goto(journey_member.url("/"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    page.get_by_role("link", name="ⵜⴰⵎⴰⵣⵉⵖⵜ").click()
    expect(page).to_have_url(journey_member.url("/"))
    expect(page.locator("html")).to_have_attribute("lang", "zgh")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("link", name="ⴰⵙⵏⵓⴱⴳ")).to_be_visible()  # "Home"
    expect(page.get_by_role("heading", name="ⴰⵙⵉⵜ ⵏ ⵓⵕⵥⵥⵓⵎ")).to_be_visible()  # "Openness site"
    expect(page.get_by_text("ⴰⴳⵎⴰⵎ ⴳ ⵓⵥⵟⵟⴰ ⴰⵎⵖⵔⵉⴱⵉ ⵏ ⵜⵊⵎⴰⵄⵉⵏ ⵜⵉⴽⴰⵍⴰⵏⵉⵏ ⵉⵕⵥⵎⵏ")).to_be_visible()
    # The switch now offers the two other languages, each in its own script.
    expect(page.locator(".lang-switch a[hreflang=ar]")).to_have_text("العربية")
    expect(page.locator(".lang-switch a[hreflang=fr]")).to_have_text("Français")

    # The glyphs come from the served font, not from whatever the phone has (or boxes).
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("""async () => {
        await document.fonts.load('16px "Noto Sans Tifinagh"', 'ⴰⵙⵏⵓⴱⴳ');
        return [...document.fonts].filter(f => f.family.includes('Tifinagh')
                                            && f.status === 'loaded').length;
    }""")
    assert loaded == 1
    assert page.evaluate("""() => getComputedStyle(document.querySelector('main h1'))
                                 .fontFamily""").startswith('"Noto Sans Tifinagh"')
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "amazigh-home-phone.png", full_page=True)

    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("link", name="الرئيسية")).to_be_visible()
