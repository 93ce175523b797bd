"""The focal point changes the site's branding from the workspace, on a phone, in Arabic:
previews a new name, a logo and a colour too light for white text (and is told so, with the
darker colour the site will use), saves a good colour, and the public home page shows the new
name, colour and logo at once."""

import struct
import zlib

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

BRANDING_FIELDS = (
    "name_ar",
    "name_fr",
    "name_tifinagh",
    "primary_colour",
    "secondary_colour",
    "logo",
    "contact_email",
    "contact_phone",
    "address",
)


def square_png(rgb: tuple[int, int, int], size: int = 64) -> bytes:
    """A plain square PNG of one colour (a stand-in for the commune's logo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


def saved_name_ar() -> str:
    from tenants.site.models import SiteProfile

    return SiteProfile.objects.get().name_ar


@pytest.fixture
def profile_restored(journey_member):
    """The profile as it was before the journey, put back after (the journey commits)."""
    from tenants.site.models import SiteProfile

    before = journey_member.run(lambda: dict(SiteProfile.objects.values(*BRANDING_FIELDS).get()))
    yield before

    def restore():
        from kernel.page_cache import content_changed
        from tenants.site.services import site_profile_update

        site_profile_update(**before)
        content_changed()

    journey_member.run(restore)


def test_the_focal_point_previews_and_saves_the_branding_in_arabic(
    journey_member, staff_page, citizen_page, profile_restored, media_root, tmp_path
):
    logo = tmp_path / "logo-tetouan.png"
    logo.write_bytes(square_png((0x1D, 0x5F, 0x8A)))

    page = staff_page("focal_point")
    page.get_by_role("link", name="الموقع", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("هوية الموقع")

    # A new name, a logo and a gold that white text cannot be read on: previewed, not saved.
    page.get_by_label("الاسم بالعربية").fill("جماعة تطوان المنفتحة")
    page.get_by_label("الشعار", exact=True).set_input_files(logo)
    page.get_by_label("اللون الرئيسي", exact=True).fill("#ffd700")
    page.get_by_role("button", name="معاينة").click()

    preview = page.locator("#branding-preview")
    expect(preview).to_contain_text("جماعة تطوان المنفتحة")
    expect(preview.locator("img.member-logo").first).to_be_visible()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("اللون الرئيسي فاتح جدا بالنسبة للنص الأبيض")
    expect(warning).to_contain_text("#ffd700")
    shown = preview.locator(".branding-preview-header").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert shown != "rgb(255, 215, 0)"  # the header is previewed darkened, as the site will show it
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "focal-point-branding-preview-ar.png", full_page=True)
    preview.screenshot(path=ARTIFACTS / "focal-point-branding-preview-detail-ar.png")
    page.locator(".colour-field").first.locator("xpath=..").screenshot(
        path=ARTIFACTS / "focal-point-branding-colour-field-ar.png"
    )
    assert journey_member.run(saved_name_ar) != "جماعة تطوان المنفتحة"  # a preview saves nothing

    # A darker colour that passes; the previewed logo is kept without choosing it again.
    page.get_by_label("اللون الرئيسي", exact=True).fill("#7a1f5c")
    page.get_by_role("button", name="حفظ الهوية").click()
    expect(page.get_by_role("status")).to_contain_text("تم حفظ هوية الموقع")
    expect(page.locator(".site-header .member-name")).to_have_text("جماعة تطوان المنفتحة")
    page.wait_for_load_state("load")  # the new logo in the workspace's header too
    expect(page.locator(".current-logo img")).to_have_js_property("complete", True)
    page.screenshot(path=ARTIFACTS / "focal-point-branding-saved-ar.png", full_page=True)

    # What a citizen sees on the public home page, at once.
    citizen = citizen_page()
    citizen.goto(journey_member.url("/"))
    expect(citizen.locator(".site-header .member-name")).to_have_text("جماعة تطوان المنفتحة")
    expect(citizen.locator(".site-header img.member-logo")).to_be_visible()
    assert citizen.locator(".site-header img.member-logo").evaluate("i => i.naturalWidth") == 64
    header = citizen.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(122, 31, 92)"
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "focal-point-branding-public-ar.png", full_page=True)
