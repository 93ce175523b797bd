import pytest

from tenants.site.services import site_profile_update
from tenants.site.templatetags.branding import contrast_with_white, readable_on_white_text


@pytest.mark.parametrize("colour", ["#ffd700", "#87ceeb", "#ffffff", "#0b6e4f", "#c1272d"])
def test_member_colours_are_made_readable(colour):
    readable = readable_on_white_text(colour)
    rgb = tuple(int(readable[i : i + 2], 16) for i in (1, 3, 5))
    assert contrast_with_white(rgb) >= 4.5


def test_a_colour_that_passes_is_kept():
    assert readable_on_white_text("#0b6e4f") == "#0b6e4f"


def test_branding_applies_without_rebuilding(tetouan, tanger, in_member, client_for):
    with in_member(tetouan):
        site_profile_update(primary_colour="#ffd700")  # gold: white text fails on it
    page = client_for(tetouan).get("/").content.decode()
    assert "--member-primary: #ffd700" not in page and "--member-primary: #" in page
    assert "--member-primary: #ffd700" not in client_for(tanger).get("/").content.decode()
