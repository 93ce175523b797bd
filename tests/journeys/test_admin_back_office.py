"""The member's back office looks like the member's own: its name and colours in the header
and a way back to the staff workspace, on a phone and on a desktop (screenshots looked at)."""

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, BROWSER_NEEDED
from tests.journeys.conftest import DESKTOP, PHONE

pytestmark = BROWSER_NEEDED


@pytest.fixture
def tetouan_colours(journey_member):
    from tenants.site.selectors import site_profile_get
    from tenants.site.services import site_profile_update

    before = journey_member.run(
        lambda: (site_profile_get().primary_colour, site_profile_get().secondary_colour)
    )
    journey_member.run(
        lambda: site_profile_update(primary_colour="#1f5f8b", secondary_colour="#d4a017")
    )
    yield
    journey_member.run(
        lambda: site_profile_update(primary_colour=before[0], secondary_colour=before[1])
    )


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_back_office_wears_the_members_branding(
    journey_member, staff_page, tetouan_colours, viewport, name
):
    from tenants.site.selectors import site_profile_get

    member_name = journey_member.run(lambda: site_profile_get().name_ar)
    page = staff_page("focal_point", viewport=viewport)
    page.goto(journey_member.url("/admin/"))
    header = page.locator("#header")
    expect(header).to_contain_text(member_name)
    expect(header).to_have_css("background-color", "rgb(31, 95, 139)")
    expect(page.locator(".module caption").first).to_have_css(
        "background-color", "rgb(31, 95, 139)"
    )
    page.screenshot(path=ARTIFACTS / f"admin-index-{name}.png", full_page=True)
    # No horizontal scroll on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    header.get_by_role("link", name="مساحة العمل").click()
    page.wait_for_url(journey_member.staff_url("/"))


def test_the_comments_list_reads_as_sentences_on_a_phone(journey_member, staff_page):
    """The comments' text was squeezed to two words a line: it now keeps a reading width."""
    from django.utils import timezone

    from tenants.consultations.seeds import consultations_seed_demo
    from tenants.programme.seeds import programme_seed_demo

    def seed():
        today = timezone.localdate()
        programme_seed_demo(hcp_code=journey_member.member.collectivity_id, today=today)
        consultations_seed_demo(today=today)

    journey_member.run(seed)
    page = staff_page("moderator")
    page.goto(journey_member.url("/admin/consultations/comment/"))
    excerpt = page.locator("#result_list .field-excerpt").first
    expect(excerpt).to_be_visible()
    assert excerpt.bounding_box()["width"] >= 250
    page.screenshot(path=ARTIFACTS / "admin-comments-phone.png", full_page=True)
