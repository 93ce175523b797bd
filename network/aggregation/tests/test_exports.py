"""Open data: the snapshots as CSV and JSON, their documented schema and the HCP credit."""

import csv
import io

import jsonschema
import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from network.aggregation.exports import field_docs
from network.aggregation.services import snapshot_refresh_for_member


@pytest.fixture
def snapshots(tetouan_with_content, tanger):
    for member in (tetouan_with_content, tanger):
        snapshot_refresh_for_member(member=member)
    connection.set_schema_to_public()


def test_the_csv_has_a_row_per_member_with_every_documented_field(snapshots, client_for, tetouan):
    response = client_for(None).get("/open-data/snapshots.csv")  # anyone: open data
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == [field.name for field in field_docs()]
    by_code = {row["hcp_code"]: row for row in rows}
    assert set(by_code) == {"01.571.01.11", "01.511.01.0"}
    tetouan_row = by_code["01.571.01.11"]
    assert tetouan_row["name_ar"] == "تطوان" and tetouan_row["tier"] == "commune"
    assert tetouan_row["region_code"] == "01"
    assert tetouan_row["site_url"] == "http://tetouan.localhost:8000/"
    assert tetouan_row["programme_stage"] == "implementation"
    assert (tetouan_row["commitments"], tetouan_row["milestones_overdue"]) == ("3", "1")
    assert (tetouan_row["participants_women"], tetouan_row["participants_men"]) == ("9", "11")
    assert tetouan_row["documents_budget_accounts"] == "2"
    assert tetouan_row["days_since_update_budget_accounts"] == "10"
    assert tetouan_row["days_since_update_reports"] == ""
    assert tetouan_row["score_public_repository"] == "true"
    assert tetouan_row["score_reasoned_responses"] == "false"
    assert by_code["01.511.01.0"]["on_time_share"] == ""  # no request due: no share


def test_the_json_carries_the_figures_the_credit_and_its_schema(snapshots, client_for):
    client = client_for(None)
    document = client.get("/open-data/snapshots.json").json()
    schema = client.get("/open-data/schema.json").json()
    jsonschema.validate(document, schema)
    assert document["credit"] == str(settings.REGISTRY_CREDIT)  # Arabic by default
    assert "HCP" in document["credit"] or "المندوبية السامية للتخطيط" in document["credit"]
    assert document["schema"].endswith("/open-data/schema.json")
    tetouan = next(m for m in document["members"] if m["hcp_code"] == "01.571.01.11")
    assert tetouan["figures"]["information_requests"]["received"] == 4
    assert tetouan["score"] == sum(tetouan["scorecard"].values())
    for field in field_docs():
        assert schema["properties"]["members"]["items"]["properties"][field.name]["description"]


def test_the_open_data_page_documents_every_field_in_arabic_and_french(snapshots, client_for):
    client = client_for(None)
    page = client.get("/open-data/").content.decode()
    assert "البيانات المفتوحة: أرقام الأعضاء" in page
    with translation.override("ar"):
        assert str(settings.REGISTRY_CREDIT) in page
    for field in field_docs():
        assert f"<code>{field.name}</code>" in page
    client.get("/lang/fr/")
    page = client.get("/open-data/").content.decode()
    assert "Données ouvertes : les chiffres des membres" in page and "Haut-Commissariat" in page


def test_open_data_is_not_served_on_a_members_host(snapshots, client_for, tetouan):
    assert client_for(tetouan).get("/open-data/snapshots.csv").status_code == 404
