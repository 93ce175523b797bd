"""The network's signed-in frame (portal, dashboard, comparison, console) and the promise that
no account, whatever its role, is ever sent round in a loop."""

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ["anonymous", "directorate", "regional_focal_point", "no_role", "superuser"]


@pytest.fixture
def browser_as(client_for, network_client, network, db):
    def make(role: str):
        if role == "anonymous":
            return client_for(None)
        if role == "regional_focal_point":
            return network_client(role, region_code="01")
        if role in ("no_role", "superuser"):
            user = User.objects.create_user(
                f"{role}@dgct.gov.ma",
                email=f"{role}@dgct.gov.ma",
                is_superuser=role == "superuser",
                is_staff=role == "superuser",
            )
            client = client_for(None)
            client.force_login(user)
            return client
        return network_client(role)

    return make


def _paths(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _paths(pattern.url_patterns, route)
        elif (
            isinstance(pattern, URLPattern)
            and "<" not in route
            and "(" not in route
            and "^" not in route
        ):
            yield "/" + route


def network_pages() -> list[str]:
    """Every page of the network's URLconf without a parameter, and a few with one."""
    resolver = get_resolver("config.urls_public")
    paths = {path for path in _paths(resolver.url_patterns) if "$" not in path}
    return sorted(
        paths
        | {
            "/admin/login/?next=/admin/",
            "/admin/auth/user/",
            "/comparison/01/",
            "/comparison/02/",
            "/console/members/m_015710111/",
            "/sign-in/?next=/admin/",
            "/sign-in/?next=/console/",
        }
    )


@pytest.mark.parametrize("role", ROLES)
def test_no_role_loops_on_any_network_page(role, browser_as):
    browser = browser_as(role)
    pages = network_pages()
    assert "/console/" in pages and "/dashboard/" in pages and "/admin/" in pages
    for page in pages:
        seen, url = [], page
        for _hop in range(6):
            response = browser.get(url)
            if response.status_code not in (301, 302, 303, 307, 308):
                break
            seen.append(url)
            url = response["Location"]
            assert url not in seen, f"{role}: {page} loops through {seen}"
        else:
            pytest.fail(f"{role}: {page} redirects more than 5 times: {seen}")
        # (/readyz answers 503 while no worker runs, as in this test: a probe, not a page.)
        allowed = (200, 400, 403, 404, 405) + ((503,) if page == "/readyz" else ())
        assert response.status_code in allowed, (role, page, response.status_code)


def test_a_regional_focal_point_opening_the_back_office_lands_on_their_region(browser_as):
    browser = browser_as("regional_focal_point")
    response = browser.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/comparison/01/"
    page = response.content.decode()
    assert 'role="status"' in page and "لا يتيح دوركم فتح الإدارة الخلفية للشبكة" in page


def test_the_directorate_s_frame_on_console_dashboard_and_comparison(browser_as):
    browser = browser_as("directorate")
    for path in ("/console/", "/dashboard/", "/comparison/01/", "/"):
        page = browser.get(path).content.decode()
        assert 'class="network-frame' in page, path
        assert "directorate1@dgct.gov.ma" in page and "مسؤول بالمديرية" in page
        assert 'action="/sign-out/"' in page and "تسجيل الخروج" in page
        for link in ('href="/console/"', 'href="/dashboard/"', 'href="/comparison/"'):
            assert link in page, (path, link)


def test_a_regional_focal_point_s_frame_opens_their_region_only(browser_as):
    browser = browser_as("regional_focal_point")
    page = browser.get("/comparison/01/").content.decode()
    assert "regional_focal_point1@dgct.gov.ma" in page and "نقطة الارتكاز الجهوية" in page
    assert 'href="/comparison/01/"' in page and 'action="/sign-out/"' in page
    assert 'href="/console/"' not in page and 'href="/dashboard/"' not in page


def test_the_portal_has_a_sign_in_link_and_signed_in_the_person_s_pages(browser_as):
    page = browser_as("anonymous").get("/").content.decode()
    assert 'href="/sign-in/"' in page and "تسجيل الدخول" in page
    page = browser_as("directorate").get("/").content.decode()
    assert 'href="/sign-in/"' not in page and 'href="/console/"' in page


def test_signing_out_from_the_frame(browser_as):
    browser = browser_as("directorate")
    assert browser.post("/sign-out/").status_code == 302
    assert browser.get("/console/").status_code == 302
