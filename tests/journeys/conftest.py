"""What the staff journeys share: the platform served over HTTP, a member's staff signed in
through the workspace's own sign-in form in Debian's Chromium, and a citizen's browser.

A journey commits for real (the server runs in its own threads and connections), so a module
that writes content empties the member's content and accounts after it
(`journey_member`), and each test reads its own data by what it created.
"""

import os
from contextlib import ExitStack, contextmanager
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import tenant_context

from tests.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    member_accounts_delete,
    member_content_truncate,
    platform_served,
)

playwright = pytest.importorskip("playwright.sync_api")

PASSWORD = "Journey-2026-open"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def async_unsafe_allowed():
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def journey_member(network, django_db_blocker):
    """Tétouan, served over HTTP, emptied of content and staff accounts before and after the
    module. The database stays open for the module: the server's threads read it.

    `site.url(path)` on its host; `site.staff_url(path)` in its workspace; `site.run(fn)`
    runs `fn()` in its schema (to arrange data or read results)."""
    member = network["tetouan"]
    with django_db_blocker.unblock():
        host = member.domains.get(is_primary=True).domain
        member_content_truncate(member)
        member_accounts_delete(member)
        try:
            with platform_served() as port:

                def run(function):
                    # Playwright's sync API keeps an event loop on this thread, so Django
                    # gives this code a connection of its own (per async context): it is
                    # closed after, or the test database could not be dropped at the end.
                    with async_unsafe_allowed():
                        try:
                            with tenant_context(member):
                                return function()
                        finally:
                            connection.close()

                yield SimpleNamespace(
                    member=member,
                    host=host,
                    run=run,
                    url=lambda path="/": f"http://{host}:{port}{path}",
                    staff_url=lambda path="/": f"http://{host}:{port}/staff{path}",
                )
        finally:
            member_content_truncate(member)
            member_accounts_delete(member)


@pytest.fixture
def browser_pages():
    """`open_page(viewport=PHONE, language="ar")`: a fresh Chromium context (no cookies)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with ExitStack() as stack:
        driver = stack.enter_context(sync_playwright())
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)

        def open_page(*, viewport=PHONE, language: str = "ar", host: str | None = None):
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            if language != "ar" and host:
                context.add_cookies(
                    [
                        {
                            "name": settings.LANGUAGE_COOKIE_NAME,
                            "value": language,
                            "domain": host,
                            "path": "/",
                        }
                    ]
                )
            return context.new_page()

        yield open_page


def staff_account_create(site, *, role: str, name: str = "", email: str = "") -> str:
    """A member of `site`'s staff with a password (committed); returns the e-mail."""
    from django.contrib.auth.models import User

    from tenants.site.models import StaffMembership

    email = email or f"{role}@tetouan.example.ma"
    first, _, last = name.partition(" ")

    def create():
        user = User.objects.create_user(
            email, email=email, password=PASSWORD, is_staff=True, first_name=first, last_name=last
        )
        StaffMembership.objects.create(user=user, role=role)

    site.run(create)
    return email


@pytest.fixture
def staff_page(journey_member, browser_pages):
    """`page = staff_page("focal_point")`: signed in to Tétouan's workspace through its sign-in
    form, in Arabic (or `language="fr"`), phone-sized (or `viewport=DESKTOP`)."""
    counter = iter(range(1, 100))

    def make(role: str, *, language: str = "ar", viewport=PHONE, name: str = "أمينة العلوي"):
        email = staff_account_create(
            journey_member,
            role=role,
            name=name,
            email=f"{role}.{next(counter)}.{id(make)}@tetouan.example.ma",
        )
        page = browser_pages(viewport=viewport, language=language, host=journey_member.host)
        page.goto(journey_member.staff_url("/sign-in/"))
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form [type=submit]").click()
        page.wait_for_url(journey_member.staff_url("/"))
        return page

    return make


@pytest.fixture
def citizen_page(journey_member, browser_pages):
    """A visitor's page on the member's public site (no session)."""

    def make(*, language: str = "ar", viewport=PHONE):
        return browser_pages(viewport=viewport, language=language, host=journey_member.host)

    return make


def network_host(port: int) -> SimpleNamespace:
    """The network's host of a test server on `port`: `url(path)`, a member's host with
    `member_url(host, path)`, and `run(fn)`, which runs `fn()` in the public schema."""

    def run(function):
        with async_unsafe_allowed():  # see journey_member's run
            try:
                connection.set_schema_to_public()
                return function()
            finally:
                connection.close()

    return SimpleNamespace(
        port=port,
        run=run,
        url=lambda path="/": f"http://localhost:{port}{path}",
        member_url=lambda host, path="/": f"http://{host}:{port}{path}",
    )
