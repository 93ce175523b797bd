"""The documents API: anyone reads, staff write according to their role, uploads checked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from tenants.documents.models import Category, Document
from tenants.documents.tests.factories import PDF, PNG, document_factory


@pytest.fixture
def budget(tetouan, in_member):
    with in_member(tetouan):
        return document_factory()


@pytest.fixture
def minutes(tetouan, in_member):
    with in_member(tetouan):
        return document_factory(category=Category.COUNCIL, title_ar="محضر الدورة", title_fr="")


def upload(name: str = "budget.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_anyone_reads_the_list_and_a_document(budget, minutes, tetouan, client_for):
    client = client_for(tetouan)
    listed = client.get("/api/documents/").json()
    assert listed["count"] == 2 and {"next", "previous", "results"} <= set(listed)
    one = client.get(f"/api/documents/{budget.pk}/").json()
    assert one["title_ar"] == "الميزانية 2025"
    assert one["category_label"] and one["link"] == budget.link and one["file"] is None
    assert "created_by" not in one and "updated_by" not in one


def test_filters(budget, minutes, tetouan, client_for):
    client = client_for(tetouan)
    council = client.get("/api/documents/", {"category": "council"}).json()["results"]
    assert [d["title_ar"] for d in council] == ["محضر الدورة"]
    searched = client.get("/api/documents/", {"q": "الميزانيه"}).json()["results"]
    assert [d["id"] for d in searched] == [budget.pk]
    refused = client.get("/api/documents/", {"category": "gossip"})
    assert refused.status_code == 400 and "category" in refused.json()


def test_anonymous_cannot_write(budget, tetouan, client_for):
    client = client_for(tetouan)
    created = client.post(
        "/api/documents/", {"category": "council", "title_ar": "س", "link": "https://example.ma/x"}
    )
    assert created.status_code in (401, 403)
    assert client.delete(f"/api/documents/{budget.pk}/").status_code in (401, 403)


def test_an_editor_creates_updates_and_deletes(tetouan, staff_client, in_member):
    client = staff_client(tetouan, "editor")
    created = client.post(
        "/api/documents/",
        {
            "category": "budget_accounts",
            "title_ar": "الحساب الإداري 2024",
            "file": upload("compte.pdf"),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["file"].startswith("http://tetouan.") and body["file"].endswith(".pdf")
    assert f"/media/members/{tetouan.schema_name}/documents/" in body["file"]
    with in_member(tetouan):
        assert Document.objects.get(pk=body["id"]).created_by == "محرر"

    changed = client.patch(
        f"/api/documents/{body['id']}/",
        {"title_fr": "Compte administratif"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["title_fr"] == "Compte administratif"
    # Switching to a link: the file is withdrawn in the same request.
    switched = client.patch(
        f"/api/documents/{body['id']}/",
        {"file": None, "link": "https://www.example.ma/compte.pdf"},
        content_type="application/json",
    )
    assert switched.status_code == 200 and switched.json()["file"] is None

    assert client.delete(f"/api/documents/{body['id']}/").status_code == 204
    with in_member(tetouan):
        assert not Document.objects.filter(pk=body["id"]).exists()


def test_refused_uploads_and_documents_are_400s_with_the_messages(tetouan, staff_client):
    client = staff_client(tetouan, "editor")
    disguised = client.post(
        "/api/documents/",
        {"category": "budget_accounts", "title_ar": "صورة", "file": upload("budget.pdf", PNG)},
    )
    assert disguised.status_code == 400 and list(disguised.json()) == ["file"]
    neither = client.post("/api/documents/", {"category": "budget_accounts", "title_fr": "Rien"})
    assert neither.status_code == 400 and list(neither.json()) == ["file"]
    untitled = client.post(
        "/api/documents/", {"category": "budget_accounts", "link": "https://www.example.ma/x.pdf"}
    )
    assert untitled.status_code == 400 and list(untitled.json()) == ["title_ar"]
    assert all(isinstance(m, str) and m for m in untitled.json()["title_ar"])


def test_a_moderator_reads_but_cannot_write(budget, tetouan, staff_client):
    client = staff_client(tetouan, "moderator")
    assert client.get("/api/documents/").status_code == 200
    created = client.post(
        "/api/documents/",
        {"category": "council", "title_ar": "س", "link": "https://www.example.ma/x"},
    )
    assert created.status_code == 403
    assert (
        client.patch(
            f"/api/documents/{budget.pk}/", {"title_ar": "ت"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_the_schema_describes_the_documents_api(tetouan, client_for):
    response = client_for(tetouan).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"get", "post"} <= set(paths["/api/documents/"])
    assert {"get", "put", "patch", "delete"} <= set(paths["/api/documents/{id}/"])
    parameters = {p["name"] for p in paths["/api/documents/"]["get"]["parameters"]}
    assert {"category", "q", "page"} <= parameters
    assert "multipart/form-data" in paths["/api/documents/"]["post"]["requestBody"]["content"]


def test_the_schema_has_no_warnings_for_documents(capsys):
    """The documents API alone (drf-spectacular names the view's file in its warnings)."""
    GENERATOR_STATS.reset()  # it tells a warning once per process
    generator = SchemaGenerator(patterns=[path("api/", include("tenants.documents.api_urls"))])
    schema = generator.get_schema(request=None, public=True)
    assert set(schema["paths"]) == {"/api/documents/", "/api/documents/{id}/"}
    assert capsys.readouterr().err == ""
