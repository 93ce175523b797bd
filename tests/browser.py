"""What the real-browser tests share: Debian's headless Chromium driven by Playwright, a real
HTTP server for the whole platform, a phone-sized page, and the screenshots folder.

A test module starts with `playwright = pytest.importorskip("playwright.sync_api")` and
`pytestmark = BROWSER_NEEDED`; without Debian's chromium those tests are skipped."""

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

CHROMIUM = shutil.which("chromium")
BROWSER_NEEDED = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(WSGIRequestHandler):
    timeout = 5  # a browser's idle keep-alive connection does not hold a thread for long

    def log_message(self, *args):
        pass


class JoinedWSGIServer(ThreadedWSGIServer):
    """Its request threads are waited for when it closes: each closes its database
    connection as it ends, so none is left open when the test database is dropped."""

    daemon_threads = False
    block_on_close = True


@contextmanager
def platform_served() -> Iterator[int]:
    """The platform (every host) served over HTTP on 127.0.0.1; yields the port."""
    server = JoinedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def phone_page(*, javascript: bool = True):
    """A page the size of a phone (390 × 844) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=1,
            java_script_enabled=javascript,
        )
        try:
            yield context.new_page()
        finally:
            browser.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def member_content_truncate(member) -> None:
    """Empty the content apps' tables of `member` (browser tests commit for real)."""
    from django.apps import apps
    from django.conf import settings
    from django.core.management.color import no_style
    from django.db import connection
    from django_tenants.utils import tenant_context

    tables = [
        model._meta.db_table
        for app in settings.MEMBER_CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
    ]
    with tenant_context(member), connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(statement)


def member_accounts_delete(member) -> None:
    """Delete every staff account of `member`, with its sessions (committed by a journey)."""
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session
    from django_tenants.utils import tenant_context

    with tenant_context(member):
        Session.objects.all().delete()
        User.objects.all().delete()


AXE_CORE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA: what the platform promises (DESIGN.md, "Accessible").
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = ("critical", "serious", "moderate", "minor")


def axe_violations(page, *, tags: list[str] = AXE_TAGS) -> dict[str, list[dict]]:
    """axe-core (tests/vendor/axe-core, test-only) run on `page` as it stands: the violations
    grouped by impact ("critical", "serious", "moderate", "minor"), each as {"id", "help",
    "targets": [CSS selectors], "summary": what to fix on the first node}. Evaluated through
    the DevTools protocol, so the page's Content-Security-Policy needs no exception."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_CORE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                    resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact || "minor", help: v.help,
                targets: v.nodes.slice(0, 10).map(n => n.target.join(" ")),
                summary: (v.nodes[0] && v.nodes[0].failureSummary) || ""}));
        }""",
        tags,
    )
    by_impact: dict[str, list[dict]] = {impact: [] for impact in AXE_IMPACTS}
    for violation in results:
        impact = violation.pop("impact")
        by_impact.setdefault(impact, []).append(violation)
    return by_impact


def axe_report(by_impact: dict[str, list[dict]]) -> str:
    """The violations as lines a person reads in the test's output."""
    lines = []
    for impact in AXE_IMPACTS:
        for violation in by_impact.get(impact, []):
            lines.append(
                f"  [{impact}] {violation['id']}: {violation['help']} — "
                f"{', '.join(violation['targets'][:4])}"
            )
    return "\n".join(lines)
