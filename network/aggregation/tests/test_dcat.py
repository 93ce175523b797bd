"""The open-data catalogues as DCAT-AP JSON-LD: the network's on the portal and each member's
on its own host. Each parses, names the mandatory DCAT-AP properties everywhere, and each
distribution answers 200 with the media type it declares; a member's catalogue lists only its
own data."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from django.db import connection

from network.aggregation.services import snapshot_refresh_for_member
from kernel.dcat import CONTEXT, DEFAULT_LICENSE, MEDIA_TYPE, dcat_ap_missing

JSONLD = "/open-data/catalog.jsonld"


@pytest.fixture
def snapshots(tetouan_with_content, tanger):
    for member in (tetouan_with_content, tanger):
        snapshot_refresh_for_member(member=member)
    connection.set_schema_to_public()


def catalog(client) -> dict:
    response = client.get(JSONLD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def distributions(document: dict) -> list[dict]:
    return [d for dataset in document["dcat:dataset"] for d in dataset["dcat:distribution"]]


def prefixes_used(node, found=None) -> set[str]:
    found = set() if found is None else found
    if isinstance(node, list):
        for item in node:
            prefixes_used(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if ":" in key and not key.startswith("@"):
                found.add(key.split(":")[0])
            if key == "@type":
                found.add(value.split(":")[0])
            if key != "@context":
                prefixes_used(value, found)
    return found


def assert_each_distribution_answers(client, document: dict, host: str) -> None:
    for distribution in distributions(document):
        url = distribution["dcat:downloadURL"]["@id"]
        assert distribution["dcat:accessURL"]["@id"] == url
        parts = urlsplit(url)
        assert parts.hostname == host.split(":")[0]
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        declared = distribution["dcat:mediaType"]["@id"].removeprefix(MEDIA_TYPE)
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] == declared, url
        if declared == "application/json":
            json.loads(response.content)


def test_the_network_catalogue_lists_its_datasets_and_every_members_catalogue(
    snapshots, client_for, tetouan, tanger
):
    client = client_for(None)
    document = catalog(client)
    assert document["@type"] == "dcat:Catalog" and dcat_ap_missing(document) == []
    assert prefixes_used(document) <= set(CONTEXT)  # every term expands
    assert document["dct:publisher"]["foaf:name"][1]["@value"].startswith(
        "Direction Générale des Collectivités Territoriales"
    )
    by_id = {dataset["@id"].rsplit("#", 1)[1]: dataset for dataset in document["dcat:dataset"]}
    assert set(by_id) == {
        "snapshots",
        "news",
        "best-practices",
        "trainings",
        "commitment-templates",
    }
    snapshots_set = by_id["snapshots"]
    assert snapshots_set["dct:license"]["@id"] == DEFAULT_LICENSE
    assert snapshots_set["dct:accrualPeriodicity"]["@id"].endswith("/frequency/HOURLY")
    assert {
        d["dcat:mediaType"]["@id"].removeprefix(MEDIA_TYPE)
        for d in snapshots_set["dcat:distribution"]
    } == {"text/csv", "application/json"}
    assert_each_distribution_answers(client, document, "localhost")
    members = {entry["@id"] for entry in document["dcat:catalog"]}
    assert members == {
        "http://tetouan.localhost:8000/open-data/catalog.jsonld",
        "http://tanger.localhost:8000/open-data/catalog.jsonld",
    }
    # Linked from the open-data page and advertised to harvesters.
    page = client.get("/open-data/").content.decode()
    assert (
        f'<link rel="alternate" type="application/ld+json" title="DCAT-AP" href="{JSONLD}">' in page
    )
    assert f'href="{JSONLD}"' in page.split("<main", 1)[1]


def test_a_members_catalogue_is_valid_and_each_export_answers(tetouan_with_content, client_for):
    client = client_for(tetouan_with_content)
    document = catalog(client)
    assert dcat_ap_missing(document) == [] and prefixes_used(document) <= set(CONTEXT)
    assert document["dct:publisher"]["foaf:name"][0]["@value"] == "تطوان"
    slugs = [dataset["@id"].rsplit("#", 1)[1] for dataset in document["dcat:dataset"]]
    assert slugs == ["commitments", "meetings", "information-requests", "documents"]
    for dataset in document["dcat:dataset"]:
        assert dataset["dct:accrualPeriodicity"]["@id"].endswith("/frequency/CONT")
        assert dataset["dct:license"]["@id"] == DEFAULT_LICENSE
    assert_each_distribution_answers(client, document, "tetouan.localhost")
    commitments = client.get("/open-data/commitments.json").json()["records"]
    assert len(commitments) == 3 and commitments[0]["url"].startswith("http://tetouan.localhost")
    register = client.get("/open-data/information-requests.csv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(register.lstrip("\ufeff"))))
    assert len(rows) == 4 and "email" not in rows[0] and "full_name" not in rows[0]
    assert client.get("/open-data/nonsense.csv").status_code == 404
    assert client.get("/open-data/documents.xml").status_code == 404


def test_a_members_catalogue_lists_only_its_own_data(tetouan_with_content, tanger, client_for):
    tanger_client = client_for(tanger)
    document = catalog(tanger_client)
    urls = [d["dcat:downloadURL"]["@id"] for d in distributions(document)]
    assert urls and all(url.startswith("http://tanger.localhost") for url in urls)
    assert "تطوان" not in json.dumps(document, ensure_ascii=False)
    for slug in ("commitments", "meetings", "information-requests", "documents"):
        assert tanger_client.get(f"/open-data/{slug}.json").json()["records"] == []
    assert client_for(tetouan_with_content).get("/open-data/documents.json").json()["records"]


def test_the_network_catalogue_is_not_on_a_members_host_and_vice_versa(tetouan, client_for):
    member_document = catalog(client_for(tetouan))
    assert member_document["@id"].startswith("http://tetouan.localhost")
    assert "dcat:catalog" not in member_document
    network_document = catalog(client_for(None))
    assert network_document["@id"].startswith("http://localhost")


def test_the_validator_names_what_is_missing():
    broken = {
        "@type": "dcat:Catalog",
        "dct:title": "x",
        "dcat:dataset": [
            {
                "@type": "dcat:Dataset",
                "dct:title": "y",
                "dcat:distribution": [{"@type": "dcat:Distribution"}],
            }
        ],
    }
    assert dcat_ap_missing(broken) == [
        "$ dct:description",
        "$ dct:publisher",
        "$.dcat:dataset[0] dct:description",
        "$.dcat:dataset[0].dcat:distribution[0] dcat:accessURL",
    ]
