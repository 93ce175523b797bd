"""The network portal in a real browser (Debian's headless Chromium) on a phone, without
JavaScript: every section reachable by plain links, in Arabic and in French, no sideways scroll.
Screenshots go to test-artifacts/."""

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen, phone_page, platform_served

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect  # assertions that wait for the page, unlike is_visible()
pytestmark = BROWSER_NEEDED


def _publications_delete() -> None:
    from network.publications.models import (
        BestPractice,
        CommitmentTemplate,
        NewsItem,
        TemplateCopy,
        Training,
    )

    for model in (TemplateCopy, BestPractice, NewsItem, Training, CommitmentTemplate):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def portal_url(network, django_db_blocker):
    """The demo publications, committed (the browser reads them from another thread), and
    the network host served by a real HTTP server."""
    from network.publications.seeds import seed_publications

    with django_db_blocker.unblock():
        seed_publications()
        try:
            with platform_served() as port:
                yield f"http://localhost:{port}"
        finally:
            _publications_delete()


@pytest.fixture
def phone_without_javascript():
    with phone_page(javascript=False) as page:
        yield page


def test_the_portal_on_a_phone_without_javascript(portal_url, phone_without_javascript):
    page = phone_without_javascript
    page.goto(portal_url + "/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#region-title-01")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "portal-home-ar.png"), full_page=True)

    page.get_by_role("link", name="الممارسات الفضلى", exact=True).click()
    page.get_by_role("link", name="نشر الميزانية والحساب الإداري في صيغة مفتوحة").click()
    member_link = page.get_by_role("link", name="زيارة موقع الانفتاح الخاص بالعضو")
    assert member_link.get_attribute("href").startswith("http://tetouan.localhost")
    assert fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "portal-best-practice-ar.png"), full_page=True)

    page.get_by_role("link", name="التكوينات", exact=True).click()
    assert (
        page.get_by_role("link", name="تسجيل", exact=True)
        .get_attribute("href")
        .startswith("https://")
    )
    assert fits_the_screen(page)

    page.get_by_role("link", name="نماذج الالتزامات", exact=True).click()
    page.get_by_role("link", name="مشاركة المواطنين في دورات المجلس").click()
    expect(page.get_by_text("ما يتضمنه الالتزام")).to_be_visible()
    assert fits_the_screen(page)

    page.get_by_role("link", name="Français").click()  # the switch is a plain link
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(
        page.get_by_role("heading", name="La participation citoyenne aux sessions du conseil")
    ).to_be_visible()
    page.get_by_role("link", name="Actualités", exact=True).click()
    page.get_by_role(
        "link",
        name="De nouveaux membres rejoignent le réseau marocain des "
        "collectivités territoriales ouvertes",
    ).click()
    expect(page.get_by_text("228 membres")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "portal-news-fr.png"), full_page=True)
