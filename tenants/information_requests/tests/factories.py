"""One way to make each thing the information requests tests need (current member's schema)."""

from datetime import date

from django.core.files.base import ContentFile

from tenants.information_requests.models import InformationRequest
from tenants.information_requests.services import information_request_file

# Thursday 19 March 2026: Eid al-Fitr is estimated on Friday 20 and Saturday 21 March.
BEFORE_EID = date(2026, 3, 19)

REQUESTER = {
    "requester_name": "أمينة الفاسي",
    "id_document": "cin",
    "id_number": "K 123456",
    "postal_address": "زنقة الحرية، رقم 12، تطوان",
    "email": "Amina@Example.ma",
}
# Every piece of personal data above, as stored: none may reach a public page or answer.
PERSONAL_VALUES = ["أمينة الفاسي", "K123456", "زنقة الحرية", "amina@example.ma"]

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


def pdf_file(name: str = "answer.pdf", content: bytes = PDF) -> ContentFile:
    return ContentFile(content, name=name)


def filed(**overrides) -> InformationRequest:
    """A request filed through the service (received on BEFORE_EID unless `today` is given)."""
    fields = {
        **REQUESTER,
        "information_wanted": "أطلب نسخة من ميزانية الجماعة لسنة 2026.",
        "today": BEFORE_EID,
    }
    return information_request_file(**{**fields, **overrides})
