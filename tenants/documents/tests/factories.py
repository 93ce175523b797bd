"""One factory for the library's documents (runs in the current member's schema)."""

from django.core.files.base import ContentFile

from tenants.documents.models import Category, Document
from tenants.documents.services import document_create
from kernel.actors import Actor

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


def pdf_file(name: str = "budget.pdf", content: bytes = PDF) -> ContentFile:
    return ContentFile(content, name=name)


def document_factory(**overrides) -> Document:
    """A document published through the service; a link unless a `file` is given."""
    fields = {
        "category": Category.BUDGET_ACCOUNTS,
        "title_ar": "الميزانية 2025",
        "title_fr": "Budget 2025",
    }
    if "file" not in overrides:
        fields["link"] = "https://www.example.ma/budget-2025.pdf"
    return document_create(by=Actor(name="test"), **{**fields, **overrides})
