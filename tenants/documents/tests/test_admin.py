"""The back office: staff of the member add, find and delete documents through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.documents.models import Document
from tenants.documents.tests.factories import PDF, PNG, document_factory, pdf_file


def form(**fields) -> dict:
    return {
        "category": "council",
        "published_on": "2025-10-07",
        "title_ar": "",
        "title_fr": "",
        "description_ar": "",
        "description_fr": "",
        "link": "",
        **fields,
    }


def test_an_editor_adds_a_document_with_a_file(tetouan, staff_client, in_member):
    client = staff_client(tetouan, "editor")
    assert client.get("/admin/documents/document/add/").status_code == 200
    response = client.post(
        "/admin/documents/document/add/",
        form(title_ar="محضر دورة أكتوبر", file=SimpleUploadedFile("minutes.pdf", PDF)),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    with in_member(tetouan):
        document = Document.objects.get()
        assert document.created_by == "محرر" and document.file_kind == "PDF"
        assert response["Location"].endswith("/admin/documents/document/")


def test_the_form_shows_refusals(tetouan, staff_client, in_member):
    client = staff_client(tetouan, "editor")
    disguised = client.post(
        "/admin/documents/document/add/",
        form(title_ar="صورة", file=SimpleUploadedFile("minutes.pdf", PNG)),
    )
    untitled = client.post("/admin/documents/document/add/", form(link="https://example.ma/x"))
    assert disguised.status_code == untitled.status_code == 200  # the form again, with errors
    assert (
        disguised.context["adminform"].form.errors.as_data()["file"][0].code == "file_name_mismatch"
    )
    assert (
        untitled.context["adminform"].form.errors.as_data()["title_ar"][0].code == "title_required"
    )
    with in_member(tetouan):
        assert not Document.objects.exists()


def test_an_editor_changes_searches_and_deletes(tetouan, staff_client, in_member):
    with in_member(tetouan):
        document = document_factory(title_ar="إعلان عن صفقة")
    client = staff_client(tetouan, "editor")
    url = f"/admin/documents/document/{document.pk}/change/"
    response = client.post(
        url,
        form(
            category="procurement",
            title_ar="إعلان عن صفقة",
            title_fr="Avis d'appel d'offres",
            link=document.link,
        ),
    )
    assert response.status_code == 302
    listed = client.get("/admin/documents/document/", {"q": "اعلان"}).content.decode()
    assert "إعلان عن صفقة" in listed
    assert (
        client.post(f"/admin/documents/document/{document.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    with in_member(tetouan):
        assert not Document.objects.exists()


def test_a_moderator_only_reads(tetouan, staff_client, in_member):
    with in_member(tetouan):
        document = document_factory()
    client = staff_client(tetouan, "moderator")
    assert client.get("/admin/documents/document/").status_code == 200
    assert client.get("/admin/documents/document/add/").status_code == 403
    assert (
        client.post(f"/admin/documents/document/{document.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


def test_deleting_several_goes_through_the_service(
    tetouan, staff_client, in_member, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        documents = [document_factory(file=pdf_file(f"{n}.pdf"), link="") for n in range(2)]
        names = [document.file.name for document in documents]
    client = staff_client(tetouan, "editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/documents/document/",
            {
                "action": "delete_selected",
                "post": "yes",
                "_selected_action": [document.pk for document in documents],
            },
        )
    assert response.status_code == 302
    with in_member(tetouan):
        assert not Document.objects.exists()
        assert not any(documents[0].file.storage.exists(name) for name in names)
