"""The dashboard, the regional comparison and the network API: who reads what."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.accounts.services import network_account_create
from network.aggregation.models import MemberSnapshot
from network.aggregation.services import snapshot_refresh_for_member
from twofactor.testing import two_factor_signed_in

REGION_OF_TETOUAN = "01"  # Tanger-Tétouan-Al Hoceima: Tétouan and Tanger
OTHER_REGION = "05"  # Béni Mellal-Khénifra


@pytest.fixture
def snapshots(tetouan_with_content, tanger):
    for member in (tetouan_with_content, tanger):
        snapshot_refresh_for_member(member=member)
    connection.set_schema_to_public()
    return MemberSnapshot.objects.all()


@pytest.fixture
def network_client(client_for):
    """A browser on the network's host, signed in with a network role (or anonymous)."""

    def make(role: str | None = None, region_code: str | None = None):
        client = client_for(None)
        if role:
            connection.set_schema_to_public()
            user = network_account_create(
                email=f"{role}.{region_code or 'all'}@example.ma",
                role=role,
                region_code=region_code,
            )
            two_factor_signed_in(client, user)  # network accounts give a code too
        return client

    return make


def test_the_directorate_sees_the_dashboard_with_every_member(snapshots, network_client, tetouan):
    response = network_client("directorate").get("/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'dir="rtl"' in page and "لوحة قيادة الشبكة" in page  # Arabic by default
    assert "تطوان" in page and "طنجة" in page
    assert "http://tetouan.localhost" in page  # the list links every member site
    assert 'id="chart-stages"' in page and "vendor/chartjs/chart.umd.min.js" in page
    assert "cdn" not in page.lower()


def members_listed(response) -> list[str]:
    """The hosts of the member sites the page's table links to, in the table's order."""
    page = response.content.decode()
    table = page[page.index("snapshot-table") :]
    return re.findall(r'href="http://([a-z-]+)\.localhost', table)


def test_the_dashboard_filters_by_region_tier_and_stage(snapshots, network_client):
    client = network_client("directorate")
    assert members_listed(client.get("/dashboard/")) == ["tanger", "tetouan"]
    assert members_listed(client.get("/dashboard/", {"stage": "implementation"})) == ["tetouan"]
    assert members_listed(client.get("/dashboard/", {"stage": "none"})) == ["tanger"]
    assert members_listed(client.get("/dashboard/", {"region": REGION_OF_TETOUAN})) == [
        "tanger",
        "tetouan",
    ]
    assert members_listed(client.get("/dashboard/", {"region": OTHER_REGION})) == []
    assert members_listed(client.get("/dashboard/", {"tier": "region"})) == []
    assert members_listed(
        client.get("/dashboard/", {"tier": "commune", "stage": "bogus", "region": "bogus"})
    ) == ["tanger", "tetouan"]


def test_the_dashboard_sorts_its_list(snapshots, network_client):
    client = network_client("directorate")
    assert members_listed(client.get("/dashboard/", {"sort": "-score"})) == ["tetouan", "tanger"]
    assert members_listed(client.get("/dashboard/", {"sort": "score"})) == ["tanger", "tetouan"]
    # Without a figure (no request due in Tanger), a member goes last either way.
    assert members_listed(client.get("/dashboard/", {"sort": "on_time"}))[-1] == "tanger"
    assert members_listed(client.get("/dashboard/", {"sort": "-on_time"}))[-1] == "tanger"


def test_the_dashboard_in_french(snapshots, network_client):
    client = network_client("directorate")
    client.get("/lang/fr/")
    page = client.get("/dashboard/").content.decode()
    assert "Tableau de bord du réseau" in page and "Tétouan" in page


@pytest.mark.parametrize(
    "role, region", [("regional_focal_point", REGION_OF_TETOUAN), (None, None)]
)
def test_only_the_directorate_opens_the_dashboard(snapshots, network_client, role, region):
    response = network_client(role, region).get("/dashboard/")
    if role:
        assert response.status_code == 403
    else:
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_member_staff_get_nothing_network_wide(snapshots, staff_client, tetouan, client_for):
    staff = staff_client(tetouan, "focal_point")
    assert staff.get("/dashboard/").status_code == 404  # no such page on a member's host
    # On the network's host the member's session means nothing: asked to sign in.
    network = client_for(None)
    network.cookies = staff.cookies
    assert network.get("/dashboard/").status_code == 302
    assert network.get(f"/comparison/{REGION_OF_TETOUAN}/").status_code == 302
    assert network.get("/api/dashboard/").status_code == 403


def test_a_focal_point_compares_their_region_only(snapshots, network_client):
    client = network_client("regional_focal_point", REGION_OF_TETOUAN)
    landing = client.get("/comparison/")
    assert landing.status_code == 302 and landing["Location"].endswith(
        f"/comparison/{REGION_OF_TETOUAN}/"
    )
    response = client.get(f"/comparison/{REGION_OF_TETOUAN}/")
    assert members_listed(response) == ["tanger", "tetouan"]
    assert 'id="chart-score"' in response.content.decode()

    other = network_client("regional_focal_point", OTHER_REGION)
    assert other.get(f"/comparison/{REGION_OF_TETOUAN}/").status_code == 403
    assert other.get(f"/api/comparison/{REGION_OF_TETOUAN}/").status_code == 403
    assert other.get("/api/dashboard/").status_code == 403
    assert other.get(f"/comparison/{OTHER_REGION}/").status_code == 200


def test_the_comparison_sorts_side_by_side(snapshots, network_client):
    client = network_client("directorate")
    assert client.get("/comparison/").status_code == 200  # the directorate picks a region
    assert members_listed(
        client.get(f"/comparison/{REGION_OF_TETOUAN}/", {"sort": "-documents"})
    ) == ["tetouan", "tanger"]
    assert members_listed(
        client.get(f"/comparison/{REGION_OF_TETOUAN}/", {"sort": "documents"})
    ) == ["tanger", "tetouan"]
    assert client.get("/comparison/99/").status_code in (403, 404)


@pytest.mark.parametrize(
    "language, headings",
    [
        ("ar", ["تاريخ الانضمام", "الطلبات المُجاب عنها داخل الأجل", "الاجتماعات المنعقدة"]),
        ("fr", ["Adhésion", "Demandes traitées dans les délais", "Réunions tenues"]),
    ],
)
def test_the_comparison_table_speaks_the_readers_language(
    snapshots, network_client, language, headings
):
    client = network_client("directorate")
    client.get(f"/lang/{language}/")
    page = client.get(f"/comparison/{REGION_OF_TETOUAN}/").content.decode()
    assert all(heading in page for heading in headings)
    assert "Requests answered on time" not in page and "Meetings held" not in page


def test_the_api_gives_the_same_answers_by_role(snapshots, network_client, tetouan):
    directorate = network_client("directorate")
    figures = directorate.get("/api/dashboard/").json()
    assert figures["members"] >= 2 and figures["totals"]["snapshots"] == 2
    assert {rule["code"] for rule in figures["scorecard"]} >= {
        "on_time_answers",
        "reasoned_responses",
    }
    comparison = (
        network_client("regional_focal_point", REGION_OF_TETOUAN)
        .get(f"/api/comparison/{REGION_OF_TETOUAN}/", {"sort": "-score"})
        .json()
    )
    assert [m["hcp_code"] for m in comparison["members"]][0] == tetouan.collectivity_id
    assert network_client().get(f"/api/comparison/{REGION_OF_TETOUAN}/").status_code == 403

    # Snapshots are open data: anyone reads them.
    anonymous = network_client()
    listed = anonymous.get("/api/snapshots/", {"region": REGION_OF_TETOUAN}).json()
    assert listed["count"] == 2
    one = anonymous.get(f"/api/snapshots/{tetouan.collectivity_id}/").json()
    assert one["figures"]["documents"]["total"] == 5 and one["score"] == sum(
        one["scorecard"].values()
    )
    assert anonymous.get("/api/snapshots/00.000/").status_code == 404


def test_the_openapi_schema_lists_the_network_endpoints(client_for):
    schema = client_for(None).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in ("/api/snapshots/", "/api/dashboard/", "/api/comparison/{region_code}/"):
        assert path in schema["paths"]


def test_pages_read_snapshots_not_members_schemas(snapshots, network_client):
    client = network_client("directorate")
    for path in ("/dashboard/", f"/comparison/{REGION_OF_TETOUAN}/", "/open-data/snapshots.csv"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert not [q["sql"] for q in queries if re.search(r"\bm_\d", q["sql"])]


def test_the_dashboards_list_is_paginated(snapshots, network_client, monkeypatch):
    from network.aggregation import views

    monkeypatch.setattr(views, "MEMBERS_PER_PAGE", 1)
    client = network_client("directorate")
    assert members_listed(client.get("/dashboard/")) == ["tanger"]
    assert members_listed(client.get("/dashboard/", {"page": 2})) == ["tetouan"]
    assert members_listed(client.get("/dashboard/", {"page": 2, "sort": "-name"})) == ["tanger"]


def test_the_comparison_charts_tell_a_province_from_its_namesake_town(snapshots, network_client):
    from network.members.services import member_provision

    province = member_provision(hcp_code="01.571").member  # the province of Tétouan
    snapshot_refresh_for_member(member=province)
    connection.set_schema_to_public()
    page = network_client("directorate").get(f"/comparison/{REGION_OF_TETOUAN}/")
    labels = page.context["charts"]["score"]["labels"]
    assert "تطوان" in labels and "تطوان (العمالة أو الإقليم)" in labels
