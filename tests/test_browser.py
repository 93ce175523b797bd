"""A real browser (Debian's headless Chromium, driven by Playwright) on Tétouan's site.

Screenshots go to test-artifacts/ for people to look at.
"""
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django_tenants.utils import tenant_context

from tests.hcp import TETOUAN

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def tetouan_site(network, django_db_blocker):
    """Tétouan with its demo programme, committed, served by a real HTTP server."""
    from tenants.programme.models import Programme
    from tenants.programme.seeds import programme_seed_demo

    tetouan = network["tetouan"]
    with django_db_blocker.unblock():
        with tenant_context(tetouan):
            Programme.objects.all().delete()
            programme_seed_demo(hcp_code=TETOUAN, today=date(2025, 11, 1))
        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
        server.set_app(WSGIHandler())
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://tetouan.localhost:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            with tenant_context(tetouan):
                Programme.objects.all().delete()


@pytest.fixture
def phone():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
        yield page
        browser.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_tetouan_site_in_a_real_browser(tetouan_site, phone):
    ARTIFACTS.mkdir(exist_ok=True)
    page = phone
    page.goto(tetouan_site + "/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".member-name").first.inner_text() == "تطوان"
    assert "تطوان جماعة منفتحة 2023-2026" in page.content()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "tetouan-home-ar.png", full_page=True)

    page.locator("nav.site-nav a").nth(1).click()  # the programme
    page.wait_for_url("**/programme/")
    page.locator("a.stretched-link").first.click()  # its first commitment
    page.wait_for_url("**/programme/commitments/*/")
    assert page.locator("h1").inner_text().startswith("1.")
    assert "نشر الميزانية" in page.locator("h1").inner_text()
    assert page.locator("table").count() == 1 and fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "tetouan-commitment-ar.png", full_page=True)

    page.get_by_role("link", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Publier le budget" in page.locator("h1").inner_text()
    page.screenshot(path=ARTIFACTS / "tetouan-commitment-fr.png", full_page=True)
