"""Writes on the document library (the current member's schema: every function runs where it
is called, from a request on the member's host, the admin, the API or a task).

`by` is whoever acts (a `kernel.actors.Actor`: the account and the name shown), as recorded
in the document (see tenants/site/staff.py: `actor`). A file replaced or deleted here is removed from storage once the transaction has
committed: a document withdrawn for a mistake must not stay downloadable at its old address.
"""

from django.db import transaction

from events import emit
from kernel.actors import Actor
from kernel.partial_update import fields_update
from tenants.documents.models import Document
from uploads import delete_files_after_commit

# What staff may set on a document, through the API, the admin or code.
EDITABLE_FIELDS = (
    "category",
    "title_ar",
    "title_fr",
    "description_ar",
    "description_fr",
    "file",
    "link",
    "published_on",
)


def _check_editable(fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")


def _document_save(document: Document) -> Document:
    # A stored file was checked by content when it came in: an edit of the title does not
    # read it back from storage.
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_create(*, by: Actor, **fields) -> Document:
    """Publish a document: a title in Arabic or French, and a file or a link.

    `fields` are among EDITABLE_FIELDS; a file is checked by content and size.
    """
    _check_editable(fields)
    document = _document_save(
        Document(**fields, **by.columns("created_by"), **by.columns("updated_by"))
    )
    emit("document.published", document_id=document.pk)
    return document


@transaction.atomic
def document_update(*, document: Document, by: Actor, **changes) -> Document:
    """Change some of a document's EDITABLE_FIELDS; it is validated as a whole.

    `file=None` withdraws the file (a link must then be given); a new file replaces the old
    one, which is deleted.
    """
    _check_editable(changes)
    stored = Document.objects.select_for_update().only("file").get(pk=document.pk)
    fields_update(document, changes)
    by.set_on(document, "updated_by")
    _document_save(document)
    if stored.file.name != document.file.name:
        delete_files_after_commit([stored.file])
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Withdraw a document, and its file with it."""
    file = document.file
    document.delete()
    delete_files_after_commit([file])
