"""Uploaded files are checked by their content, not their name, and by size.

Every member-side file field runs `validate_upload(file, kinds=...)`; the storage keeps files
under the member's own folder (TenantFileSystemStorage on disk, uploads.storage on a bucket).
"""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    name: str
    extensions: tuple[str, ...]


PDF = FileKind("pdf", ("pdf",))
PNG = FileKind("png", ("png",))
JPEG = FileKind("jpeg", ("jpg", "jpeg"))
WEBP = FileKind("webp", ("webp",))
DOCX = FileKind("docx", ("docx",))
XLSX = FileKind("xlsx", ("xlsx",))
PPTX = FileKind("pptx", ("pptx",))
ODT = FileKind("odt", ("odt",))
ODS = FileKind("ods", ("ods",))
CSV = FileKind("csv", ("csv",))

IMAGE_KINDS = (PNG, JPEG, WEBP)
DOCUMENT_KINDS = (PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV) + IMAGE_KINDS

_OOXML_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}


def _sniff_zip(data: bytes) -> FileKind | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "mimetype" in names:
            return _ODF_MIMETYPES.get(archive.read("mimetype").strip())
        if "[Content_Types].xml" in names:
            for folder, kind in _OOXML_FOLDERS.items():
                if any(name.startswith(folder) for name in names):
                    return kind
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def sniff(data: bytes) -> FileKind | None:
    """The kind of file `data` holds, judged by its first bytes (and structure for zips)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    # Plain text counts as CSV; markup (HTML, SVG, XML) never does: a browser could run it.
    if data and _looks_like_text(data[:4096]) and not data.lstrip()[:1] == b"<":
        return CSV
    return None


def validate_upload(file, *, kinds: tuple[FileKind, ...] = DOCUMENT_KINDS) -> FileKind:
    """Raise a ValidationError in the user's language unless `file` is an allowed kind, its
    name agrees with its content, and it is within the size limit."""
    limit = settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read(limit + 1)
    file.seek(position)
    kind = sniff(data)
    allowed = ", ".join(sorted({ext for k in kinds for ext in k.extensions}))
    if kind is None or kind not in kinds:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(allowed)s.") % {"allowed": allowed},
            code="file_type",
        )
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if extension not in kind.extensions:
        raise ValidationError(
            _("The file's name (.%(extension)s) does not match its content (%(kind)s).")
            % {"extension": extension, "kind": kind.name},
            code="file_name_mismatch",
        )
    return kind


def _is_stored(file) -> bool:
    # A file already in storage was checked when it came in: re-reading it on every save
    # would cost up to UPLOAD_MAX_BYTES (and fail if it was moved).
    return getattr(file, "_committed", False)


def validate_document(file) -> None:
    """Model-field validator: documents, evidence, minutes (PDF, office files, CSV, images)."""
    if not _is_stored(file):
        validate_upload(file, kinds=DOCUMENT_KINDS)


def validate_image(file) -> None:
    """Model-field validator: logos and photos."""
    if not _is_stored(file):
        validate_upload(file, kinds=IMAGE_KINDS)


def delete_files_after_commit(files) -> None:
    """Remove replaced or withdrawn files once the transaction commits (never before: a
    rollback must find them still there), in the member's folder they were stored in."""
    from django.db import connection, transaction
    from django_tenants.utils import schema_context

    stored = [(file.storage, file.name) for file in files if file]
    # The storage finds a member's folder from the connection's schema, which may have moved
    # on by the time the callback runs.
    schema = connection.schema_name

    def delete() -> None:
        with schema_context(schema):
            for storage, name in stored:
                storage.delete(name)

    if stored:
        transaction.on_commit(delete)
