"""What one member publishes never shows on another's site or API, and one member's staff
cannot write to another's."""

import pytest

from tenants.documents.models import Document
from tenants.documents.tests.factories import document_factory, pdf_file


@pytest.fixture
def tetouan_budget(tetouan, in_member):
    with in_member(tetouan):
        return document_factory(
            title_ar="ميزانية تطوان", title_fr="Budget de Tétouan", file=pdf_file()
        )


def test_a_document_of_tetouan_is_not_on_tangers_library(
    tetouan_budget, tetouan, tanger, client_for
):
    assert "ميزانية تطوان" in client_for(tetouan).get("/documents/").content.decode()
    for query in ({}, {"q": "ميزانية"}, {"category": "budget_accounts"}):
        assert "ميزانية تطوان" not in client_for(tanger).get("/documents/", query).content.decode()


def test_a_document_of_tetouan_is_not_in_tangers_api(tetouan_budget, tetouan, tanger, client_for):
    tanger_api = client_for(tanger)
    assert tanger_api.get("/api/documents/").json()["count"] == 0
    assert tanger_api.get(f"/api/documents/{tetouan_budget.pk}/").status_code == 404
    assert client_for(tetouan).get(f"/api/documents/{tetouan_budget.pk}/").status_code == 200


def test_tetouans_staff_session_cannot_write_to_tanger(
    tetouan_budget, tetouan, tanger, staff_client, client_for, in_member
):
    tetouan_editor = staff_client(tetouan, "editor")
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_editor.cookies  # the same cookie, replayed on Tanger
    created = tanger_browser.post(
        "/api/documents/",
        {"category": "council", "title_ar": "دخيل", "link": "https://example.ma/x"},
    )
    assert created.status_code in (401, 403)
    with in_member(tanger):
        mine = document_factory(title_ar="ميزانية طنجة")
    changed = tanger_browser.patch(
        f"/api/documents/{mine.pk}/", {"title_ar": "دخيل"}, content_type="application/json"
    )
    assert changed.status_code in (401, 403)
    assert tanger_browser.delete(f"/api/documents/{mine.pk}/").status_code in (401, 403)
    with in_member(tanger):
        assert list(Document.objects.values_list("title_ar", flat=True)) == ["ميزانية طنجة"]


def test_files_of_tetouan_are_not_in_tangers_folder(tetouan_budget, tetouan, tanger, in_member):
    with in_member(tetouan):
        name = tetouan_budget.file.name
        assert tetouan_budget.file.storage.exists(name)
        tetouan_path = tetouan_budget.file.path
    with in_member(tanger):
        assert not tetouan_budget.file.storage.exists(name)
        assert tanger.schema_name in tetouan_budget.file.storage.path(name) != tetouan_path
