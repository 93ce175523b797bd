"""The demo network (`seed_demo`): each member tells its own story, the network's figures
differ from member to member, and seeding twice adds nothing. A screenshot of each member's
home page in Arabic goes to test-artifacts/ (phone size), for people to look at."""

import json
from collections import Counter
from datetime import date

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from network.aggregation.services import snapshot_figures_for_member
from network.demo.services import DEMO_MEMBERS, demo_network_seed
from network.members.models import Member
from tests.browser import ARTIFACTS, BROWSER_NEEDED, CHROMIUM, CHROMIUM_ARGS, fits_the_screen
from tests.hcp import TANGER, TETOUAN, TIMEZGANA

REGION_TTA = "01"
CONTENT = [
    "programme.Programme",
    "programme.Commitment",
    "programme.Milestone",
    "meetings.Meeting",
    "meetings.Registration",
    "documents.Document",
    "consultations.Consultation",
    "consultations.Comment",
    "information_requests.InformationRequest",
    "petitions.Petition",
    "ideas.Idea",
    "surveys.Survey",
    "surveys.Response",
]


@pytest.fixture
def demo(network, db):
    demo_network_seed()
    return {
        member.collectivity_id: member
        for member in Member.objects.filter(collectivity_id__in=DEMO_MEMBERS)
    }


def _rows(member) -> dict[str, int]:
    from django.apps import apps

    with tenant_context(member):
        return {label: apps.get_model(label).objects.count() for label in CONTENT}


def _all(member, label: str, field: str) -> list[str]:
    from django.apps import apps

    with tenant_context(member):
        return list(apps.get_model(label).objects.values_list(field, flat=True))


def test_no_two_members_share_a_meeting_title_or_a_problem_text(demo):
    for label, field in (
        ("meetings.Meeting", "title_ar"),
        ("programme.Commitment", "problem_ar"),
        ("documents.Document", "title_ar"),
        ("consultations.Comment", "body"),
        ("programme.Programme", "title_ar"),
    ):
        texts = Counter(text for member in demo.values() for text in _all(member, label, field))
        assert texts and max(texts.values()) == 1, (label, texts.most_common(2))


def test_the_programmes_match_their_stories(demo):
    from tenants.consultations.models import Consultation
    from tenants.programme.models import ProgrammeStatus
    from tenants.programme.selectors import programme_current

    def programme_of(code):
        with tenant_context(demo[code]):
            return programme_current()

    for code in (TETOUAN, TANGER):
        programme = programme_of(code)
        assert programme.status == ProgrammeStatus.IMPLEMENTATION
        assert programme.adopted_on.year == 2023, code
    assert programme_of(TETOUAN).title_ar == "تطوان جماعة منفتحة 2023-2026"
    tanger = programme_of(TANGER)
    assert tanger.adopted_on.month == 10 and "أكتوبر 2023" in tanger.council_session
    assert [step.happened_on for step in tanger.steps.all()][:2] == [
        date(2022, 12, 6),
        date(2023, 3, 28),
    ]
    timezgana = programme_of(TIMEZGANA)
    assert timezgana.status == ProgrammeStatus.IMPLEMENTATION
    assert timezgana.adopted_on == date(2025, 10, 7)
    assert date(2025, 3, 18) in [step.happened_on for step in timezgana.steps.all()]
    region = programme_of(REGION_TTA)
    assert (region.period_start, region.period_end) == (2020, 2022)
    assert region.status == ProgrammeStatus.EVALUATED
    with tenant_context(demo[REGION_TTA]):
        assert region.commitments.filter(assessment__isnull=False).count() == 3
    # An open consultation on a draft only where the programme is in consultation.
    for member in demo.values():
        with tenant_context(member):
            for consultation in Consultation.objects.filter(programme__isnull=False):
                if consultation.is_open:
                    assert consultation.programme.status == ProgrammeStatus.CONSULTATION
    with tenant_context(demo[TIMEZGANA]):
        from tenants.ideas.models import Idea

        assert Idea.objects.filter(answer="retained").count() == 3  # ideas became commitments


def test_the_figures_differ_from_member_to_member(demo):
    figures = {code: snapshot_figures_for_member(member=member) for code, member in demo.items()}
    shown = (
        "programme",
        "commitments",
        "milestones",
        "meetings",
        "documents",
        "information_requests",
    )
    fingerprints = {
        code: json.dumps([f[key] for key in shown], sort_keys=True, default=str)
        for code, f in figures.items()
    }
    assert len(set(fingerprints.values())) == len(fingerprints)
    # The three communes of the stories are the fullest; the others are lighter.
    rows = {code: sum(_rows(member).values()) for code, member in demo.items()}
    assert {TETOUAN, TANGER, TIMEZGANA} <= set(sorted(rows, key=rows.get, reverse=True)[:4])


def test_seeding_twice_adds_nothing(demo):
    before = {code: _rows(member) for code, member in demo.items()}
    assert before[TETOUAN]["programme.Commitment"] > 0
    demo_network_seed()
    with tenant_context(demo[TETOUAN]):  # and each app's seed on its own, once more
        from network.demo.services import _site_content_seed_for_member
    _site_content_seed_for_member(member=demo[TETOUAN], branding={})
    assert {code: _rows(member) for code, member in demo.items()} == before


def _serving(html: bytes):
    # A handler of one argument: Playwright passes the request too to one that takes two.
    return lambda route: route.fulfill(
        status=200, body=html, headers={"content-type": "text/html; charset=utf-8"}
    )


@BROWSER_NEEDED
def test_each_member_home_page_in_arabic(demo):
    """Each home page, rendered by the platform in this test's transaction, then drawn by
    Chromium on a phone (the page from here, the static files from disk: the browser's thread
    would open a connection of its own, which cannot see this transaction)."""
    import mimetypes

    from django.conf import settings
    from django.contrib.staticfiles import finders

    playwright = pytest.importorskip("playwright.sync_api")
    pages = {}
    for member in demo.values():
        host = member.domains.get(is_primary=True).domain
        response = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="ar").get("/")
        assert response.status_code == 200
        pages[member.schema_name] = (host, response.content)

    def answer(route):
        path = "/" + route.request.url.split("/", 3)[-1].split("?")[0]
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                with open(found, "rb") as file:
                    return route.fulfill(
                        status=200,
                        body=file.read(),
                        headers={
                            "content-type": mimetypes.guess_type(found)[0]
                            or "application/octet-stream"
                        },
                    )
        return route.fulfill(status=404, body=b"")

    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.route("**/static/**", answer)
        for schema, (host, html) in pages.items():
            page.route(f"http://{host}/", _serving(html))
            page.goto(f"http://{host}/")
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert fits_the_screen(page), schema
            page.screenshot(path=ARTIFACTS / f"demo-home-{schema}-ar.png", full_page=True)
        browser.close()
