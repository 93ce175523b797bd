"""Directorate assistance: a single-use token minted on the network host, bound to one member,
logged on both sides."""

import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import signing

from network.console.models import AssistanceGrant
from tenancy.assistance import assistance_token_make


@pytest.fixture
def directorate(network_client):
    return network_client("directorate")


def mint(directorate, member) -> str:
    """Press "open the back office" in the console; returns the path on the member's host."""
    response = directorate.post(
        f"/console/members/{member.schema_name}/assist/", REMOTE_ADDR="196.200.1.7"
    )
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.hostname == member.domains.get(is_primary=True).domain
    assert url.path.startswith("/admin/assist/")
    return url.path


def visits_in(member, in_member):
    from tenants.site.selectors import assistance_visit_list

    with in_member(member):
        return list(
            assistance_visit_list().values(
                "network_email", "ip_address", "token_id", "account__username"
            )
        )


def test_a_directorate_administrator_opens_a_back_office_once(
    directorate, tetouan, client_for, in_member
):
    path = mint(directorate, tetouan)
    grant = AssistanceGrant.objects.get()
    assert (grant.member_id, grant.email, grant.ip_address) == (
        tetouan.pk,
        directorate.user.email,
        "196.200.1.7",
    )

    browser = client_for(tetouan)
    redeemed = browser.get(path, REMOTE_ADDR="196.200.1.8", HTTP_USER_AGENT="Firefox")
    assert redeemed.status_code == 302 and redeemed["Location"] == "/admin/"
    back_office = browser.get("/admin/")
    assert back_office.status_code == 200
    assert "site/siteprofile" in back_office.content.decode()  # the focal point's rights

    [visit] = visits_in(tetouan, in_member)
    assert visit["network_email"] == directorate.user.email
    assert visit["ip_address"] == "196.200.1.8" and visit["token_id"] == grant.token_id
    assert visit["account__username"] == f"dgct-assistance+{directorate.user.email}"
    with in_member(tetouan):
        account = User.objects.get(username=visit["account__username"])
        assert account.staff_membership.role == "network_assistance"
        assert not account.has_usable_password() and not account.is_superuser

    # Used twice: refused, and nothing more is recorded.
    again = client_for(tetouan).get(path)
    assert again.status_code == 403 and "سبق استعمال رابط المساعدة" in again.content.decode()
    assert len(visits_in(tetouan, in_member)) == 1

    # The console shows the member's own record of the visit next to the network's.
    page = directorate.get(f"/console/members/{tetouan.schema_name}/").content.decode()
    assert "196.200.1.8" in page and "196.200.1.7" in page


def test_a_token_of_one_member_does_not_open_another(
    directorate, tetouan, tanger, client_for, in_member
):
    path = mint(directorate, tetouan)
    response = client_for(tanger).get(path)
    assert response.status_code == 403
    assert "مخصص لعضو آخر" in response.content.decode()
    assert visits_in(tanger, in_member) == []
    assert client_for(tanger).get("/admin/").status_code == 302  # not signed in
    # ...even when the payload names Tanger but was signed for Tétouan (salt per member).
    grant = AssistanceGrant.objects.get()
    forged = signing.dumps(
        {"m": tanger.schema_name, "e": "x@dgct.gov.ma", "j": grant.token_id},
        salt=f"infitah.assistance.{tetouan.schema_name}",
    )
    assert client_for(tanger).get(f"/admin/assist/{forged}/").status_code == 403
    # It still works where it belongs.
    assert client_for(tetouan).get(path).status_code == 302


def test_an_expired_or_tampered_token_is_refused(tetouan, client_for, in_member, monkeypatch):
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 3600)
    old = assistance_token_make(
        schema_name=tetouan.schema_name, email="d@dgct.gov.ma", token_id="old-token"
    )
    monkeypatch.setattr(signing.time, "time", real_time)
    fresh = assistance_token_make(
        schema_name=tetouan.schema_name, email="d@dgct.gov.ma", token_id="fresh-token"
    )
    for token in (old, fresh[:-2] + ("AA" if not fresh.endswith("AA") else "BB"), "garbage"):
        response = client_for(tetouan).get(f"/admin/assist/{token}/")
        assert response.status_code == 403
    assert visits_in(tetouan, in_member) == []
    assert client_for(tetouan).get(f"/admin/assist/{fresh}/").status_code == 302


def test_regional_focal_points_and_member_staff_cannot_mint(network_client, tetouan, staff_client):
    north = network_client("regional_focal_point", region_code="01")
    assert north.post(f"/console/members/{tetouan.schema_name}/assist/").status_code == 403
    staff = staff_client(tetouan, "focal_point")
    staff.defaults["HTTP_HOST"] = "localhost"
    assert staff.post(f"/console/members/{tetouan.schema_name}/assist/").status_code == 302
    assert not AssistanceGrant.objects.exists()


def test_the_member_sees_the_visits_read_only_in_its_back_office(
    directorate, tetouan, client_for, staff_client
):
    client_for(tetouan).get(mint(directorate, tetouan))
    focal_point = staff_client(tetouan, "focal_point")
    listing = focal_point.get("/admin/site/assistancevisit/")
    assert listing.status_code == 200 and directorate.user.email in listing.content.decode()
    assert focal_point.get("/admin/site/assistancevisit/add/").status_code == 403
    editor = staff_client(tetouan, "editor")
    assert editor.get("/admin/site/assistancevisit/").status_code == 403
    # The assistance role is never offered when inviting staff.
    form = focal_point.get("/admin/site/staffmembership/add/").content.decode()
    assert 'value="network_assistance"' not in form and 'value="editor"' in form
