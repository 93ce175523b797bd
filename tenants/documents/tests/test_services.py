"""document_create / document_update / document_delete, and uploads checked by content."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from tenants.documents.models import Category, Document
from tenants.documents.services import document_create, document_delete, document_update
from tenants.documents.tests.factories import PDF, PNG, document_factory, pdf_file
from kernel.actors import Actor


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_create_with_a_file_records_who_and_stores_it_in_the_members_folder(tetouan, in_member):
    with in_member(tetouan):
        document = document_create(
            by=Actor(name="editor@example.ma"),
            category=Category.COUNCIL,
            title_ar="محضر دورة أكتوبر",
            file=pdf_file("minutes.pdf"),
            published_on=date(2025, 10, 7),
        )
        document.refresh_from_db()
        assert document.created_by == document.updated_by == "editor@example.ma"
        assert document.file.name.startswith(f"documents/{date.today().year}/")
        path = default_storage.path(document.file.name)
        assert tetouan.schema_name in path
        with open(path, "rb") as stored:
            assert stored.read() == PDF
        assert document.url == document.file.url and document.file_kind == "PDF"


def test_create_with_a_link_only(tetouan, in_member):
    with in_member(tetouan):
        document = document_factory(title_fr="")
        assert document.published_on == date.today()
        assert document.url == "https://www.example.ma/budget-2025.pdf"
        assert document.file_kind == ""


def test_a_title_in_one_language_is_enough_but_one_is_needed(tetouan, in_member):
    with in_member(tetouan):
        assert document_factory(title_ar="", title_fr="Budget").title == "Budget"
        with pytest.raises(ValidationError) as refused:
            document_factory(title_ar=" ", title_fr="")
    assert error_codes(refused.value) == {"title_ar": ["title_required"]}


def test_a_document_has_a_file_or_a_link_not_neither_nor_both(tetouan, in_member):
    with in_member(tetouan):
        with pytest.raises(ValidationError) as neither:
            document_factory(link="")
        with pytest.raises(ValidationError) as both:
            document_factory(file=pdf_file(), link="https://www.example.ma/budget.pdf")
        assert not Document.objects.exists()
    assert error_codes(neither.value) == {"file": ["file_or_link_required"]}
    assert error_codes(both.value) == {"link": ["file_and_link"]}


def test_unknown_category_and_fields_are_refused(tetouan, in_member):
    with in_member(tetouan):
        with pytest.raises(ValidationError) as refused:
            document_factory(category="gossip")
        with pytest.raises(TypeError):
            document_factory(created_by="someone else")
    assert error_codes(refused.value) == {"category": ["invalid_choice"]}


def test_a_png_renamed_pdf_is_refused(tetouan, in_member):
    with in_member(tetouan):
        with pytest.raises(ValidationError) as refused:
            document_factory(file=ContentFile(PNG, name="budget.pdf"))
    assert error_codes(refused.value) == {"file": ["file_name_mismatch"]}


def test_a_program_is_refused_whatever_its_name(tetouan, in_member):
    with in_member(tetouan):
        with pytest.raises(ValidationError) as refused:
            document_factory(file=ContentFile(b"MZ\x90\x00\x03\x00\x00\x00", name="budget.pdf"))
    assert error_codes(refused.value) == {"file": ["file_type"]}


def test_a_real_pdf_is_accepted_and_a_too_large_one_refused(tetouan, in_member):
    with in_member(tetouan):
        assert document_factory(file=pdf_file()).file_kind == "PDF"
        with (
            override_settings(UPLOAD_MAX_BYTES=len(PDF) - 1),
            pytest.raises(ValidationError) as refused,
        ):
            document_factory(file=pdf_file("large.pdf"))
    assert error_codes(refused.value) == {"file": ["file_too_large"]}


def test_update_changes_fields_and_records_who(tetouan, in_member):
    with in_member(tetouan):
        document = document_factory()
        document_update(
            document=document,
            by=Actor(name="focal@example.ma"),
            title_fr="Budget primitif 2025",
            category=Category.REPORTS,
        )
        document.refresh_from_db()
        assert (document.title_fr, document.category) == ("Budget primitif 2025", "reports")
        assert (document.created_by, document.updated_by) == ("test", "focal@example.ma")
        with pytest.raises(ValidationError) as refused:
            document_update(document=document, by=Actor(name="x"), title_ar="", title_fr="")
        with pytest.raises(TypeError):
            document_update(document=document, by=Actor(name="x"), created_at=None)
    assert error_codes(refused.value) == {"title_ar": ["title_required"]}


def test_a_replaced_file_is_deleted_once_committed(
    tetouan, in_member, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        document = document_factory(file=pdf_file("v1.pdf"))
        first = document.file.name
        with django_capture_on_commit_callbacks(execute=True):
            document_update(document=document, by=Actor(name="x"), file=pdf_file("v2.pdf"))
        assert not default_storage.exists(first)
        assert default_storage.exists(document.file.name)
        # Switching to a link withdraws the file.
        second = document.file.name
        with django_capture_on_commit_callbacks(execute=True):
            document_update(
                document=document,
                by=Actor(name="x"),
                file=None,
                link="https://www.example.ma/budget.pdf",
            )
        assert not default_storage.exists(second) and not document.file


def test_an_edit_does_not_read_the_stored_file_again(tetouan, in_member):
    with in_member(tetouan):
        document = document_factory(file=pdf_file())
        # Even under a lower limit (set after the upload), a title change goes through.
        with override_settings(UPLOAD_MAX_BYTES=1):
            document_update(document=document, by=Actor(name="x"), title_fr="Budget révisé")


def test_delete_removes_the_row_and_then_the_file(
    tetouan, in_member, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        document = document_factory(file=pdf_file())
        name = document.file.name
        with django_capture_on_commit_callbacks() as callbacks:
            document_delete(document=document)
        assert not Document.objects.exists()
        assert default_storage.exists(name)  # kept while the transaction may still roll back
        for callback in callbacks:
            callback()
        assert not default_storage.exists(name)
