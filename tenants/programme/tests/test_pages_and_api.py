from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.programme.models import Completion, ProgressUpdate
from tenants.programme.services import commitment_update
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from kernel.actors import Actor


@pytest.fixture
def tetouan_programme(tetouan, in_member):
    with in_member(tetouan):
        programme = programme_factory(
            title_ar="تطوان جماعة منفتحة 2023-2026", title_fr="Tétouan commune ouverte 2023-2026"
        )
        commitment = commitment_factory(
            programme,
            1,
            title_ar="نشر الميزانية بصيغة مفتوحة",
            title_fr="Publier le budget en format ouvert",
        )
        milestone_factory(commitment, due_on=date(2025, 3, 1))
    programme.first_commitment = commitment
    return programme


def test_programme_and_commitment_pages_in_arabic_and_french(
    tetouan_programme, tetouan, client_for
):
    client = client_for(tetouan)
    page = client.get("/programme/").content.decode()
    assert "تطوان جماعة منفتحة 2023-2026" in page and "نشر الميزانية بصيغة مفتوحة" in page
    commitment_id = tetouan_programme.first_commitment.pk
    page = client.get(f"/programme/commitments/{commitment_id}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "نشر الميزانية بصيغة مفتوحة" in page
    client.cookies["django_language"] = "fr"
    page = client.get(f"/programme/commitments/{commitment_id}/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page and "Publier le budget en format ouvert" in page


def test_programme_filters_by_principle(tetouan_programme, tetouan, client_for, in_member):
    with in_member(tetouan):
        commitment_factory(
            tetouan_programme, 2, title_ar="بوابة رقمية", principles=["digitalization"]
        )
    page = client_for(tetouan).get("/programme/?principle=digitalization").content.decode()
    assert "بوابة رقمية" in page and "نشر الميزانية بصيغة مفتوحة" not in page


@pytest.mark.parametrize("path", ["/", "/programme/", "/programme/commitments/{id}/"])
def test_pages_run_a_constant_number_of_queries(
    tetouan_programme, tetouan, client_for, in_member, settings, path
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page itself, not the cache
    client = client_for(tetouan)
    first_id = tetouan_programme.first_commitment.pk
    url = path.format(id=first_id)
    client.get(url)  # warm routing

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    with in_member(tetouan):
        for number in range(2, 12):
            commitment = commitment_factory(tetouan_programme, number)
            milestone_factory(commitment, due_on=date(2025, 1, number))
    assert count() == few


def test_the_page_cache_shows_a_change_at_once_and_stays_with_its_member(
    tetouan_programme,
    tetouan,
    tanger,
    client_for,
    in_member,
    django_capture_on_commit_callbacks,
    page_cache,
):
    client = client_for(tetouan)
    assert "نشر الميزانية بصيغة مفتوحة" in client.get("/programme/").content.decode()
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        commitment_update(
            commitment=tetouan_programme.first_commitment,
            by=Actor(name="x"),
            title_ar="عنوان جديد للالتزام",
        )
    page = client.get("/programme/").content.decode()
    assert "عنوان جديد للالتزام" in page
    tanger_page = client_for(tanger).get("/programme/").content.decode()
    assert "عنوان جديد للالتزام" not in tanger_page


def test_api_reads_are_public_and_writes_need_a_role(
    tetouan_programme, tetouan, client_for, in_member, staff_client
):
    anonymous = client_for(tetouan)
    listing = anonymous.get("/api/commitments/").json()
    assert (
        listing["count"] == 1 and listing["results"][0]["title_ar"] == "نشر الميزانية بصيغة مفتوحة"
    )
    assert anonymous.get("/api/programme/").json()["period_start"] == 2024
    assert anonymous.post("/api/commitments/", {"number": 2, "title_ar": "x"}).status_code in (
        401,
        403,
    )

    moderator = staff_client(tetouan, "moderator")
    assert (
        moderator.post(
            "/api/commitments/", {"number": 2, "title_ar": "x"}, content_type="application/json"
        ).status_code
        == 403
    )

    editor = staff_client(tetouan, "editor")
    created = editor.post(
        "/api/commitments/",
        {"number": 2, "title_ar": "التزام جديد", "principles": ["accountability"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    commitment_id = created.json()["id"]
    changed = editor.patch(
        f"/api/commitments/{commitment_id}/",
        {"completion": "limited"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    with in_member(tetouan):
        update = ProgressUpdate.objects.get(commitment_id=commitment_id, field="completion")
        assert (update.by, update.after) == ("محرر", Completion.LIMITED)  # never an e-mail
    bad = editor.patch(
        f"/api/commitments/{commitment_id}/",
        {"completion": "nearly"},
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_api_schema_and_docs_on_a_member_host(tetouan, client_for):
    client = client_for(tetouan)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/commitments/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


def test_what_tetouan_writes_is_not_on_tangers_site_or_api(
    tetouan_programme, tetouan, tanger, client_for, staff_client
):
    commitment_id = tetouan_programme.first_commitment.pk
    tanger_client = client_for(tanger)
    assert "نشر الميزانية بصيغة مفتوحة" not in tanger_client.get("/programme/").content.decode()
    assert tanger_client.get(f"/programme/commitments/{commitment_id}/").status_code == 404
    assert tanger_client.get(f"/api/commitments/{commitment_id}/").status_code == 404
    assert tanger_client.get("/api/commitments/").json()["count"] == 0

    tetouan_editor = staff_client(tetouan, "editor")
    tanger_client.cookies = tetouan_editor.cookies  # a Tétouan session replayed on Tanger's host
    response = tanger_client.post(
        "/api/commitments/", {"number": 9, "title_ar": "x"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)


def test_a_cached_page_is_served_before_the_session_machinery(
    tetouan_programme, tetouan, tanger, client_for, page_cache
):
    client = client_for(tetouan)
    first = client.get("/programme/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/programme/")
    assert again.status_code == 200 and again.content == first.content
    assert len(queries) == 0 and again["Content-Language"] == "ar"
    client.cookies["django_language"] = "fr"
    assert '<html lang="fr"' in client.get("/programme/").content.decode()
    assert "Tétouan commune ouverte" not in client_for(tanger).get("/programme/").content.decode()
