"""The console's network API: same roles as the pages."""

import pytest

from network.console.models import Onboarding
from network.members.models import Member

MARTIL = "01.573.01.03"


@pytest.fixture
def directorate(network_client):
    return network_client("directorate")


def schemas(response) -> set[str]:
    return {m["schema_name"] for m in response.json()["results"]}


def test_members_with_their_status_by_role(
    directorate, network_client, client_for, tetouan, tanger, staff_client
):
    Member.objects.filter(pk=tanger.pk).update(
        suspended_at="2026-01-01T00:00:00Z", suspension_reason="audit"
    )
    everything = directorate.get("/api/members/")
    assert everything.status_code == 200
    statuses = {m["schema_name"]: m["status"] for m in everything.json()["results"]}
    assert statuses[tetouan.schema_name] == "ready" and statuses[tanger.schema_name] == "suspended"
    assert directorate.get("/api/members/", {"status": "suspended"}).json()["count"] == 1

    north = network_client("regional_focal_point", region_code="01")
    assert schemas(north.get("/api/members/")) == {tetouan.schema_name, tanger.schema_name}
    assert "suspension_reason" not in north.get("/api/members/").json()["results"][0]
    assert north.get("/api/regions/01/members/").status_code == 200
    assert north.get("/api/regions/03/members/").status_code == 403

    fes = network_client("regional_focal_point", region_code="03")
    assert schemas(fes.get("/api/members/")) == set()
    assert fes.get("/api/regions/01/members/").status_code == 403
    assert fes.get("/api/regions/03/members/").json()["count"] == 0

    assert client_for(None).get("/api/members/").status_code == 403
    member_staff = staff_client(tetouan, "focal_point")
    member_staff.defaults["HTTP_HOST"] = "localhost"
    assert member_staff.get("/api/members/").status_code == 403
    # A member's API token means nothing on the network's host (and is no server error).
    assert client_for(None).get("/api/members/", HTTP_AUTHORIZATION="Token abc").status_code in (
        401,
        403,
    )


def test_onboarding_through_the_api(
    directorate, network_client, tetouan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        created = directorate.post(
            "/api/onboardings/", {"hcp_code": MARTIL}, content_type="application/json"
        )
    assert created.status_code == 202 and created.json()["state"] == "pending"
    assert len(callbacks) == 1
    detail = directorate.get(f"/api/onboardings/{created.json()['id']}/")
    assert detail.json()["hcp_code"] == MARTIL

    refused = directorate.post(
        "/api/onboardings/", {"hcp_code": "01.571.01.11"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "عضو في الشبكة من قبل" in refused.json()["hcp_code"][0]
    assert (
        directorate.post("/api/onboardings/", {}, content_type="application/json").status_code
        == 400
    )

    north = network_client("regional_focal_point", region_code="01")
    assert (
        north.post(
            "/api/onboardings/", {"hcp_code": "01.573.01.05"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert north.get("/api/onboardings/").status_code == 403
    assert Onboarding.objects.count() == 1


def test_suspend_and_resume_through_the_api(directorate, network_client, tetouan, client_for):
    path = f"/api/members/{tetouan.schema_name}/"
    north = network_client("regional_focal_point", region_code="01")
    assert north.post(path + "suspend/", {"reason": "x"}).status_code == 403
    assert directorate.post(path + "suspend/", {}).status_code == 400
    suspended = directorate.post(path + "suspend/", {"reason": "Audit"})
    assert suspended.status_code == 200 and suspended.json()["status"] == "suspended"
    assert client_for(tetouan).get("/").status_code == 503
    again = directorate.post(path + "suspend/", {"reason": "Audit"})
    assert again.status_code == 400
    resumed = directorate.post(path + "resume/")
    assert resumed.status_code == 200 and resumed.json()["status"] == "ready"
    assert directorate.post(path + "resume/").status_code == 400
    assert directorate.post("/api/members/m_nobody/resume/").status_code == 404


def test_registry_search_through_the_api(directorate, network_client, tetouan):
    found = directorate.get("/api/registry/", {"q": "تطوان"}).json()
    entry = next(e for e in found if e["hcp_code"] == "01.571.01.11")
    assert entry["member_schema_name"] == tetouan.schema_name and entry["region_code"] == "01"
    assert (
        network_client("regional_focal_point", region_code="01")
        .get("/api/registry/", {"q": "tetouan"})
        .status_code
        == 403
    )


def test_the_console_endpoints_are_in_the_network_schema(directorate):
    schema = directorate.get("/api/schema/").content.decode()
    for path in (
        "/api/members/",
        "/api/onboardings/",
        "/api/registry/",
        "/api/members/{schema_name}/suspend/",
        "/api/regions/{region_code}/members/",
    ):
        assert path in schema
