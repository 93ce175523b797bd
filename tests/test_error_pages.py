"""403, 404, 500 and the CSRF failure: in the host's frame (the member's branding or the portal's),
Arabic by default and French on the switch, on a phone, with DEBUG on or off, and never a
traceback. The 500 page still renders when the database is down."""

import html
import logging
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from config import urls_public, urls_tenant

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
NETWORK_AR = "الشبكة المغربية للجماعات الترابية المنفتحة"
NETWORK_FR = "Réseau marocain des collectivités territoriales ouvertes"
# What Django's technical pages show (and ours never do).
TECHNICAL = ("Traceback", "URLconf", "SECRET_KEY", "DEBUG = True", "boom-4217")


def boom(request):
    raise RuntimeError("boom-4217: a detail no visitor may read")


def needs_the_database(request):
    from tenants.site.models import SiteProfile

    return SiteProfile.objects.count()  # the database is down: OperationalError


def _with_test_views(urlconf):
    """The host's real URLconf (its handlers included) plus views that fail on purpose."""
    # A class, not a module: Django's resolver only needs its attributes (and a hashable).
    return type(
        "URLConfWithFailingViews",
        (),
        {
            "urlpatterns": [
                path("boom/", boom),
                path("needs-the-database/", needs_the_database),
                *urlconf.urlpatterns,
            ],
            "handler403": urlconf.handler403,
            "handler404": urlconf.handler404,
            "handler500": urlconf.handler500,
        },
    )


MEMBER_URLS = _with_test_views(urls_tenant)
PORTAL_URLS = _with_test_views(urls_public)


@pytest.fixture
def failing_views(settings):
    settings.ROOT_URLCONF = MEMBER_URLS
    settings.PUBLIC_SCHEMA_URLCONF = PORTAL_URLS


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def member_name(member, language):
    from django_tenants.utils import tenant_context

    from tenants.site.models import SiteProfile

    with tenant_context(member):
        return getattr(SiteProfile.objects.get(), f"name_{language}")


def visitor(client: Client, language: str) -> Client:
    if language != "ar":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.raise_request_exception = False
    return client


def assert_error_page(response, *, status: int, language: str, shows: list[str]) -> str:
    assert response.status_code == status
    page = html.unescape(response.content.decode())
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert VIEWPORT in page
    for text in shows:
        assert text in page, text
    for secret in TECHNICAL:
        assert secret not in page, secret
    assert response["Cache-Control"] == "no-store"
    return page


# 404 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, heading, home",
    [
        ("ar", "الصفحة غير موجودة", "الانتقال إلى الصفحة الرئيسية للشبكة"),
        ("fr", "Page introuvable", "Aller à la page d'accueil du réseau"),
    ],
)
def test_a_missing_page_of_the_portal_is_in_the_portals_frame(
    network, db, client_for, debug, language, heading, home
):
    response = visitor(client_for(None), language).get("/no-such-page/")
    page = assert_error_page(
        response,
        status=404,
        language=language,
        shows=[heading, home, NETWORK_AR if language == "ar" else NETWORK_FR],
    )
    assert 'href="/"' in page
    # The language switch, back to this same address.
    assert "/lang/" in page and "next=/no-such-page/" in page


@pytest.mark.parametrize(
    "language, heading, home",
    [
        ("ar", "الصفحة غير موجودة", "الانتقال إلى الصفحة الرئيسية للموقع"),
        ("fr", "Page introuvable", "Aller à la page d'accueil du site"),
    ],
)
def test_a_missing_page_of_a_member_is_in_the_members_branding(
    tetouan, client_for, debug, language, heading, home
):
    response = visitor(client_for(tetouan), language).get("/no-such-page/")
    page = assert_error_page(
        response,
        status=404,
        language=language,
        shows=[heading, home, member_name(tetouan, language)],
    )
    assert "--member-primary" in page  # the member's colours
    assert "//localhost" in page  # the network's directory


def test_an_object_that_does_not_exist_gives_the_branded_404(tetouan, client_for, debug):
    response = visitor(client_for(tetouan), "ar").get("/meetings/987654/")
    assert_error_page(
        response, status=404, language="ar", shows=["الصفحة غير موجودة", member_name(tetouan, "ar")]
    )


def test_a_missing_slash_is_still_redirected_with_debug_on_or_off(tetouan, client_for, debug):
    response = client_for(tetouan).get("/meetings")
    assert response.status_code == 301
    assert response["Location"] == "/meetings/"


def test_a_missing_page_of_the_workspace_leads_back_to_it(tetouan, staff_client, debug):
    client = visitor(staff_client(tetouan, "editor"), "ar")
    page = assert_error_page(
        client.get("/staff/no-such-page/"),
        status=404,
        language="ar",
        shows=["العودة إلى مساحة العمل", member_name(tetouan, "ar")],
    )
    assert 'href="/staff/"' in page


# 403 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, heading, reason",
    [
        (
            "ar",
            "لا يمكنكم فتح هذه الصفحة",
            "دوركم في مساحة العمل لا يخول لكم الولوج إلى هذه الصفحة",
        ),
        (
            "fr",
            "Vous ne pouvez pas ouvrir cette page",
            "Votre rôle dans l'espace de travail ne donne pas accès à cette page",
        ),
    ],
)
def test_a_moderator_on_the_focal_points_team_page_is_told_in_the_workspace(
    tetouan, staff_client, debug, language, heading, reason
):
    client = visitor(staff_client(tetouan, "moderator"), language)
    page = assert_error_page(
        client.get("/staff/site/team/"),
        status=403,
        language=language,
        shows=[heading, reason, member_name(tetouan, language)],
    )
    assert 'href="/staff/"' in page  # back to the workspace, first
    assert "/staff/sign-in/?next=/staff/site/team/" in page  # or with another account


@pytest.mark.parametrize(
    "language, heading",
    [("ar", "لا يمكنكم فتح هذه الصفحة"), ("fr", "Vous ne pouvez pas ouvrir cette page")],
)
def test_a_regional_focal_point_on_the_directorates_console_is_told_in_the_portals_frame(
    network_client, debug, language, heading
):
    client = visitor(network_client("regional_focal_point", region_code="01"), language)
    page = assert_error_page(
        client.get("/console/"),
        status=403,
        language=language,
        shows=[heading, NETWORK_AR if language == "ar" else NETWORK_FR],
    )
    assert "/sign-in/?next=/console/" in page


def host_of(member) -> str:
    return member.domains.get(is_primary=True).domain


@pytest.mark.parametrize(
    "language, heading",
    [("ar", "تعذر إرسال الاستمارة"), ("fr", "Votre formulaire n'a pas pu être envoyé")],
)
def test_a_form_without_its_token_is_refused_in_words_a_person_can_act_on(
    tetouan, debug, language, heading
):
    client = visitor(Client(HTTP_HOST=host_of(tetouan), enforce_csrf_checks=True), language)
    response = client.post("/staff/sign-in/", {"username": "a@example.ma", "password": "x"})
    page = assert_error_page(
        response, status=403, language=language, shows=[heading, member_name(tetouan, language)]
    )
    assert "/staff/sign-in/?next=/staff/sign-in/" in page  # sign in again from a fresh form


def test_a_form_without_its_token_on_the_portal_is_in_the_portals_frame(network, db, debug):
    client = visitor(Client(HTTP_HOST="localhost", enforce_csrf_checks=True), "ar")
    response = client.post("/sign-in/", {"username": "a@example.ma", "password": "x"})
    assert_error_page(
        response, status=403, language="ar", shows=["تعذر إرسال الاستمارة", NETWORK_AR]
    )


# 500 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, heading",
    [("ar", "عذرا، حدث خطأ في الخدمة"), ("fr", "Désolé, le service rencontre un problème")],
)
def test_a_failing_page_of_a_member_is_branded_and_tells_nothing_of_the_error(
    tetouan, client_for, failing_views, debug, language, heading, caplog
):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = visitor(client_for(tetouan), language).get("/boom/")
    assert_error_page(
        response, status=500, language=language, shows=[heading, member_name(tetouan, language)]
    )
    # The developer (DEBUG on) and the operator (DEBUG off) read the traceback in the log.
    logged = [r for r in caplog.records if r.exc_info and "boom-4217" in str(r.exc_info[1])]
    assert len(logged) == 1


@pytest.mark.parametrize(
    "language, heading",
    [("ar", "عذرا، حدث خطأ في الخدمة"), ("fr", "Désolé, le service rencontre un problème")],
)
def test_a_failing_page_of_the_portal_is_in_the_portals_frame(
    network, db, client_for, failing_views, debug, language, heading
):
    response = visitor(client_for(None), language).get("/boom/")
    assert_error_page(
        response,
        status=500,
        language=language,
        shows=[heading, NETWORK_AR if language == "ar" else NETWORK_FR],
    )


def database_down():
    """Every query fails, as when PostgreSQL is unreachable."""
    return mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("the database is down")
    )


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_with_the_database_down_the_500_page_falls_back_to_the_networks_frame(
    tetouan, client_for, failing_views, debug, language
):
    client = visitor(client_for(tetouan), language)
    client.get("/healthz")  # the host is routed from this process's memory from now on
    with database_down():
        response = client.get("/needs-the-database/")
    assert_error_page(
        response,
        status=500,
        language=language,
        shows=[
            "عذرا، حدث خطأ في الخدمة"
            if language == "ar"
            else "Désolé, le service rencontre un problème",
            NETWORK_AR if language == "ar" else NETWORK_FR,
        ],
    )


def test_with_the_database_down_host_routing_fails_into_the_same_page(network, db):
    # An unknown host is looked up in the database, before the locale middleware runs: the
    # visitor's cookie still chooses the language. (With DEBUG on, an error this early, before
    # ErrorPagesMiddleware, still gets Django's technical page: a developer's machine only.)
    client = visitor(Client(HTTP_HOST="nowhere-4217.localhost"), "fr")
    with database_down():
        response = client.get("/")
    assert_error_page(
        response,
        status=500,
        language="fr",
        shows=["Désolé, le service rencontre un problème", NETWORK_FR],
    )


def test_the_500_page_reads_nothing_but_the_members_profile(tetouan, client_for, failing_views):
    client = visitor(client_for(tetouan), "ar")
    client.get("/healthz")
    # The member's profile (its branding), once: no session, no user, no other read.
    with CaptureQueriesContext(connections["default"]) as captured:
        assert client.get("/boom/").status_code == 500
    reads = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]
    assert len(reads) == 1 and '"site_siteprofile"' in reads[0]


def test_if_even_the_500_template_fails_a_fixed_bilingual_page_is_served(rf, settings):
    from ui import errors

    request = rf.get("/")
    with mock.patch.object(errors, "render_error", side_effect=RuntimeError("no templates")):
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert VIEWPORT in page and 'lang="ar" dir="rtl"' in page and 'lang="fr"' in page
