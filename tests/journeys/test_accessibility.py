"""axe-core on the pages people use most, in Arabic and in French, on a phone and a desktop:
a member's public site (with the demo content every part of it has), the staff workspace
(inbox, a list, a form) and the network's pages (portal home and member directory, news, the
directorate's dashboard). Every violation is printed by impact and the whole run is written to
test-artifacts/axe-summary.json; a serious or critical one fails the test.

And the keyboard: tabbing through the home page and a form, every focused element shows its
focus, and the form's submit button is reached."""

import json

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, axe_report, axe_violations, platform_served
from tests.journeys.conftest import DESKTOP, PHONE, network_host

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
FAILING = ("critical", "serious")
SUMMARY = ARTIFACTS / "axe-summary.json"
_summary: dict[str, dict] = {}


def _record(key: str, url: str, by_impact: dict) -> None:
    _summary[key] = {
        "url": url,
        **{impact: [v["id"] for v in violations] for impact, violations in by_impact.items()},
    }
    ARTIFACTS.mkdir(exist_ok=True)
    SUMMARY.write_text(json.dumps(_summary, ensure_ascii=False, indent=1, sort_keys=True))


def _check(page, pages: dict[str, str], *, prefix: str) -> list[str]:
    """Opens each page, runs axe, prints and records; returns what must fail the test."""
    failures = []
    for name, url in pages.items():
        page.goto(url)
        by_impact = axe_violations(page)
        key = f"{prefix} {name}"
        _record(key, url, by_impact)
        report = axe_report(by_impact)
        print(f"{key}: {url}\n{report or '  no violation'}")
        if any(by_impact.get(impact) for impact in FAILING):
            failures.append(f"{key}\n{axe_report({i: by_impact[i] for i in FAILING})}")
    return failures


@pytest.fixture(scope="module")
def seeded_member(journey_member):
    """Tétouan with the demo content of every part of its site (committed): each app's demo
    seed, given the arguments it asks for."""
    import inspect
    from importlib import import_module

    from django.utils import timezone

    member = journey_member.member
    arguments = {
        "hcp_code": member.collectivity_id,
        "today": timezone.localdate(),
        "site_url": "https://tetouan.example.ma",
    }

    def seed():
        for app in (
            "programme",
            "meetings",
            "documents",
            "consultations",
            "information_requests",
            "petitions",
            "ideas",
            "surveys",
        ):
            function = getattr(import_module(f"tenants.{app}.seeds"), f"{app}_seed_demo")
            wanted = inspect.signature(function).parameters
            function(**{name: value for name, value in arguments.items() if name in wanted})

    journey_member.run(seed)
    # A member colour white text fails on (gold): the pages must wear an adjusted one.
    from tenants.site.models import SiteProfile
    from tenants.site.services import site_profile_update

    colours = journey_member.run(
        lambda: (
            SiteProfile.objects.get().primary_colour,
            SiteProfile.objects.get().secondary_colour,
        )
    )
    journey_member.run(
        lambda: site_profile_update(primary_colour="#ffd700", secondary_colour="#ffffff")
    )
    yield journey_member
    journey_member.run(
        lambda: site_profile_update(primary_colour=colours[0], secondary_colour=colours[1])
    )


def _public_pages(site) -> dict[str, str]:
    from tenants.consultations.models import Consultation
    from tenants.meetings.models import Meeting
    from tenants.petitions.models import Petition
    from tenants.programme.models import Commitment

    def first_ids():
        return {
            "commitment": Commitment.objects.order_by("number")
            .values_list("pk", flat=True)
            .first(),
            "meeting": Meeting.objects.order_by("starts_at").values_list("pk", flat=True).first(),
            "consultation": Consultation.objects.values_list("pk", flat=True).first(),
            "petition": Petition.objects.values_list("pk", flat=True).first(),
        }

    ids = site.run(first_ids)
    pages = {
        "home": "/",
        "programme": "/programme/",
        "meetings": "/meetings/",
        "documents": "/documents/",
        "consultations": "/consultations/",
        "requests": "/information-requests/",
        "request form": "/information-requests/new/",
        "petitions": "/petitions/",
        "ideas": "/ideas/",
        "surveys": "/surveys/",
        "search": "/search/?q=%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9",
    }
    if ids["commitment"]:
        pages["commitment"] = f"/programme/commitments/{ids['commitment']}/"
    if ids["meeting"]:
        pages["meeting"] = f"/meetings/{ids['meeting']}/"
    if ids["petition"]:
        pages["petition"] = f"/petitions/{ids['petition']}/"
    if ids["consultation"]:
        pages["consultation"] = f"/consultations/{ids['consultation']}/"
    return {name: site.url(path) for name, path in pages.items()}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_public_site_has_no_serious_violation(seeded_member, citizen_page, language, viewport):
    page = citizen_page(language=language, viewport=VIEWPORTS[viewport])
    pages = _public_pages(seeded_member)
    failures = _check(page, pages, prefix=f"site {language} {viewport}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_staff_workspace_has_no_serious_violation(
    seeded_member, staff_page, language, viewport
):
    page = staff_page("focal_point", language=language, viewport=VIEWPORTS[viewport])
    pages = {
        "inbox": seeded_member.staff_url("/"),
        "documents list": seeded_member.staff_url("/documents/"),
        "meetings list": seeded_member.staff_url("/meetings/"),
        "document form": seeded_member.staff_url("/documents/new/"),
    }
    failures = _check(page, pages, prefix=f"staff {language} {viewport}")
    assert not failures, "\n".join(failures)


@pytest.fixture(scope="module")
def network_pages(network, django_db_blocker):
    from network.publications.seeds import seed_publications

    with django_db_blocker.unblock():
        seed_publications()
        with platform_served() as port:
            yield network_host(port)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_network_pages_have_no_serious_violation(
    network_pages, browser_pages, language, viewport
):
    page = browser_pages(viewport=VIEWPORTS[viewport], language=language, host="localhost")
    pages = {
        "portal home and member directory": network_pages.url("/"),
        "news": network_pages.url("/news/"),
        "best practices": network_pages.url("/best-practices/"),
        "commitment templates": network_pages.url("/commitment-templates/"),
        "search": network_pages.url("/search/?q=tetouan"),
    }
    failures = _check(page, pages, prefix=f"network {language} {viewport}")
    assert not failures, "\n".join(failures)


_FOCUS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {tag: element.tagName.toLowerCase(), type: element.type || "",
            text: (element.innerText || element.value || element.name || "").trim().slice(0, 40),
            outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            shadow: style.boxShadow !== "none", width: box.width, height: box.height,
            inForm: !!element.closest("main form[method=post]")};
}"""


def _tab_through(page, *, until=None, most: int = 80) -> list[dict]:
    """Presses Tab until `until(focused)` or `most` times; returns what got the focus."""
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS)
        if focused is None:
            continue
        seen.append(focused)
        if until and until(focused):
            break
    return seen


def _invisible(seen: list[dict]) -> list[dict]:
    return [
        f for f in seen if not (f["outline"] or f["shadow"]) or not (f["width"] and f["height"])
    ]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_keyboard_shows_its_focus_and_reaches_a_form_s_submit_button(
    seeded_member, citizen_page, language
):
    page = citizen_page(language=language, viewport=DESKTOP)
    page.goto(seeded_member.url("/"))
    seen = _tab_through(page, most=40)
    assert seen[0]["tag"] == "a" and seen[0]["text"] in ("الانتقال إلى المحتوى", "Aller au contenu")
    assert not _invisible(seen), _invisible(seen)
    page.screenshot(path=ARTIFACTS / f"keyboard-home-{language}.png")

    page.goto(seeded_member.url("/information-requests/new/"))
    seen = _tab_through(page, until=lambda f: f["inForm"] and f["type"] == "submit", most=120)
    assert seen[-1]["inForm"] and seen[-1]["type"] == "submit", seen[-5:]
    assert not _invisible(seen), _invisible(seen)
    expect(page.locator("main form[method=post] [type=submit]:focus")).to_be_in_viewport()
    page.screenshot(path=ARTIFACTS / f"keyboard-request-form-submit-{language}.png")
