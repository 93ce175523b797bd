"""The library's workspace pages: by category with each shelf's last update, publish, edit and
withdraw (after a confirmation) through the services, errors in Arabic with nothing written, a
constant number of queries, and nothing of another member."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.documents.models import Category, Document
from tenants.documents.tests.factories import PDF, document_factory

LIST = "/staff/documents/"
NEW = "/staff/documents/new/"


def test_the_list_shows_each_category_with_its_last_update_and_filters(
    tetouan, in_member, staff_client
):
    with in_member(tetouan):
        document_factory(title_ar="الميزانية 2025", published_on=date(2025, 1, 15))
        document_factory(category=Category.COUNCIL, title_ar="محضر دورة فبراير")
    client = staff_client(tetouan, "editor")
    page = client.get(LIST).content.decode()
    assert "الميزانية والحسابات" in page or "Budget" not in page  # labels, never codes
    assert "محضر دورة فبراير" in page and "الميزانية 2025" in page
    assert "لم تُحيَّن قط" in page  # an empty shelf
    shelf = client.get(LIST + "?category=council").content.decode()
    assert "محضر دورة فبراير" in shelf and "الميزانية 2025" not in shelf
    assert client.get(LIST + "?category=nonsense").status_code == 200


def test_a_document_is_published_with_a_file_and_shows_in_the_public_library(
    tetouan, in_member, staff_client, client_for
):
    client = staff_client(tetouan, "editor")
    assert client.get(NEW + "?category=council").status_code == 200
    response = client.post(
        NEW,
        {
            "category": "council",
            "title_ar": "محضر دورة ماي",
            "title_fr": "",
            "description_ar": "",
            "description_fr": "",
            "link": "",
            "published_on": "2026-05-10",
            "file": SimpleUploadedFile("pv.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"] == LIST + "?category=council"
    with in_member(tetouan):
        document = Document.objects.get(title_ar="محضر دورة ماي")
        assert document.file.name.endswith(".pdf") and document.created_by
    assert 'role="status"' in client.get(response["Location"]).content.decode()
    assert "محضر دورة ماي" in client_for(tetouan).get("/documents/").content.decode()


def test_a_document_without_title_or_file_is_refused_in_arabic(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "editor")
    response = client.post(
        NEW,
        {
            "category": "budget_accounts",
            "title_ar": "",
            "title_fr": "",
            "link": "",
            "published_on": "2026-05-10",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "هناك مشكلة" in page and "عنوانًا للوثيقة" in page and "أرفقوا ملفًا أو أدخلوا رابطًا" in page
    )
    both = client.post(
        NEW,
        {
            "category": "budget_accounts",
            "title_ar": "وثيقة",
            "link": "https://example.ma/a.pdf",
            "published_on": "2026-05-10",
            "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
        },
    )
    assert both.status_code == 400
    fake = client.post(
        NEW,
        {
            "category": "budget_accounts",
            "title_ar": "وثيقة",
            "published_on": "2026-05-10",
            "file": SimpleUploadedFile("a.pdf", b"MZ not a pdf", "application/pdf"),
        },
    )
    assert fake.status_code == 400
    with in_member(tetouan):
        assert not Document.objects.exists()


def test_a_document_is_edited_then_withdrawn_after_a_confirmation(
    tetouan, in_member, staff_client, client_for
):
    with in_member(tetouan):
        document = document_factory(title_ar="الميزانية 2025")
    client = staff_client(tetouan, "focal_point")
    edit = f"/staff/documents/{document.pk}/edit/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "category": "budget_accounts",
            "title_ar": "الميزانية المعدلة 2025",
            "link": "https://www.example.ma/budget-2025-v2.pdf",
            "published_on": "2025-02-01",
        },
    )
    assert response.status_code == 302
    with in_member(tetouan):
        stored = Document.objects.get(pk=document.pk)
        assert (stored.title_ar, stored.updated_by) == ("الميزانية المعدلة 2025", "نقطة الارتكاز")
    refused = client.post(
        edit,
        {"category": "budget_accounts", "title_ar": "", "link": "", "published_on": "2025-02-01"},
    )
    assert refused.status_code == 400
    delete = f"/staff/documents/{document.pk}/delete/"
    confirm = client.get(delete).content.decode()
    assert "الميزانية المعدلة 2025" in confirm and "نعم، سحب الوثيقة" in confirm
    with in_member(tetouan):
        assert Document.objects.filter(pk=document.pk).exists()  # a GET withdraws nothing
    assert client.post(delete).status_code == 302
    with in_member(tetouan):
        assert not Document.objects.filter(pk=document.pk).exists()
    assert "الميزانية المعدلة 2025" not in client_for(tetouan).get("/documents/").content.decode()


def test_the_list_makes_a_constant_number_of_queries(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "editor")
    counts = []
    for volume in (1, 12):
        with in_member(tetouan):
            for number in range(volume):
                document_factory(
                    title_ar=f"وثيقة {volume}-{number}",
                    category=Category.values[number % len(Category.values)],
                )
        client.get(LIST)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_another_members_document_is_not_found_and_a_moderator_is_refused(
    tetouan, tanger, in_member, staff_client
):
    with in_member(tetouan):
        ours = document_factory(title_ar="وثيقة تطوان")
    with in_member(tanger):
        foreign = document_factory(title_ar="وثيقة طنجة")
        while foreign.pk <= ours.pk:  # an id Tétouan does not use
            foreign = document_factory(title_ar="وثيقة طنجة")
    client = staff_client(tetouan, "editor")
    assert "وثيقة طنجة" not in client.get(LIST).content.decode()
    for url in (f"/staff/documents/{foreign.pk}/edit/", f"/staff/documents/{foreign.pk}/delete/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"title_ar": "x"}).status_code == 404
    with in_member(tanger):
        assert Document.objects.filter(pk=foreign.pk).exists()
    moderator = staff_client(tetouan, "moderator")
    for url in (
        LIST,
        NEW,
        f"/staff/documents/{ours.pk}/edit/",
        f"/staff/documents/{ours.pk}/delete/",
    ):
        assert moderator.get(url).status_code == 403
    assert moderator.post(f"/staff/documents/{ours.pk}/delete/").status_code == 403
    with in_member(tetouan):
        assert Document.objects.filter(pk=ours.pk).exists()
