import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, kind",
    [
        ("budget.pdf", PDF, "pdf"),
        ("logo.png", PNG, "png"),
        ("pv.docx", docx_bytes(), "docx"),
        ("figures.csv", "السنة,المبلغ\n2024,1200\n".encode(), "csv"),
    ],
)
def test_accepted_by_content(name, data, kind):
    assert validate_upload(SimpleUploadedFile(name, data), kinds=DOCUMENT_KINDS).name == kind


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("budget.pdf", PNG, "file_name_mismatch"),  # a PNG named .pdf
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 60, "file_type"),
        ("page.html", b"<html><script>alert(1)</script>", "file_type"),
        ("fake.docx", b"PK\x03\x04not really a zip", "file_type"),
    ],
)
def test_refused_by_content(name, data, code):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, data), kinds=DOCUMENT_KINDS)
    assert error.value.code == code


def test_images_only_where_images_are_expected():
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("logo.pdf", PDF), kinds=IMAGE_KINDS)


def test_size_limit(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("big.pdf", PDF + b"0" * 200))
    assert error.value.code == "file_too_large"
