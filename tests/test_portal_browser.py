"""The network portal in a real browser (Debian's headless Chromium) on a phone, without
JavaScript: every section reachable by plain links, in Arabic and in French, no sideways scroll.
Screenshots go to test-artifacts/."""
import shutil
import threading
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _publications_delete() -> None:
    from network.publications.models import (
        BestPractice, CommitmentTemplate, NewsItem, TemplateCopy, Training)

    for model in (TemplateCopy, BestPractice, NewsItem, Training, CommitmentTemplate):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def portal_url(network, django_db_blocker):
    """The demo publications, committed (the browser reads them from another thread), and
    the network host served by a real HTTP server."""
    from network.publications.seeds import seed_publications

    with django_db_blocker.unblock():
        seed_publications()
        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
        server.set_app(WSGIHandler())
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://localhost:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            _publications_delete()


@pytest.fixture
def phone_without_javascript():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      java_script_enabled=False)
        yield context.new_page()
        browser.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_portal_on_a_phone_without_javascript(portal_url, phone_without_javascript):
    ARTIFACTS.mkdir(exist_ok=True)
    page = phone_without_javascript
    page.goto(portal_url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#region-title-01").is_visible() and fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "portal-home-ar.png"), full_page=True)

    page.get_by_role("link", name="الممارسات الفضلى", exact=True).click()
    page.get_by_role("link", name="نشر الميزانية والحساب الإداري في صيغة مفتوحة").click()
    member_link = page.get_by_role("link", name="زيارة موقع الانفتاح الخاص بالعضو")
    assert member_link.get_attribute("href").startswith("http://tetouan.localhost")
    assert fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "portal-best-practice-ar.png"), full_page=True)

    page.get_by_role("link", name="التكوينات", exact=True).click()
    assert page.get_by_role("link", name="تسجيل").get_attribute("href").startswith("https://")
    assert fits_the_screen(page)

    page.get_by_role("link", name="نماذج الالتزامات", exact=True).click()
    page.get_by_role("link", name="مشاركة المواطنين في دورات المجلس").click()
    assert page.get_by_text("ما يتضمنه الالتزام").is_visible() and fits_the_screen(page)

    page.get_by_role("link", name="Français").click()  # the switch is a plain link
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("heading", name="La participation citoyenne aux sessions du conseil")
    page.get_by_role("link", name="Actualités", exact=True).click()
    page.get_by_role("link", name="De nouveaux membres rejoignent le réseau marocain des "
                                  "collectivités territoriales ouvertes").click()
    assert page.get_by_text("228 membres").is_visible() and fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "portal-news-fr.png"), full_page=True)
