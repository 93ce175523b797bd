"""Workspace pages of the document library (member schema): the shelves with their last
update, publishing, editing and withdrawing a document, through tenants/documents/services.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tenants.documents import services
from tenants.documents.models import Category, Document
from tenants.documents.selectors import category_freshness, document_library
from tenants.documents.staff_forms import DocumentForm
from tenants.site.staff import actor
from tenants.site.staff import run_form_service, staff_required

PAGE_SIZE = 25


def _document_or_404(pk: int) -> Document:
    found = Document.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@staff_required("documents.add_document")
def list(request):  # noqa: A001  (the URL name the inbox links to)
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    shelves = category_freshness()
    documents = document_library(category=category or None)
    return render(
        request,
        "documents/staff/list.html",
        {
            "shelves": shelves,
            "category": category,
            "shelf": next((shelf for shelf in shelves if shelf.category == category), None),
            "page": Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


def _form_page(request, form, *, document=None, status=200):
    return render(
        request, "documents/staff/form.html", {"form": form, "document": document}, status=status
    )


def _back_to_shelf(category: str):
    return redirect(f"{reverse('staff:documents:list')}?category={category}")


@staff_required("documents.add_document")
def document_new(request):
    initial = (
        {"category": request.GET.get("category")}
        if request.GET.get("category") in Category.values
        else {}
    )
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            created = run_form_service(
                request,
                form,
                services.document_create,
                by=actor(request),
                success=_("The document is published in the library."),
                **form.fields_for_service(),
            )
            if created is not None:
                return _back_to_shelf(created.category)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


@staff_required("documents.change_document")
def document_edit(request, pk):
    document = _document_or_404(pk)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=_document_or_404(pk))
    if request.method == "POST":
        if form.is_valid():
            saved = run_form_service(
                request,
                form,
                services.document_update,
                document=_document_or_404(pk),
                by=actor(request),
                success=_("The document was saved."),
                **form.changes(),
            )
            if saved is not None:
                return _back_to_shelf(saved.category)
        return _form_page(request, form, document=document, status=400)
    return _form_page(request, form, document=document)


@staff_required("documents.delete_document")
def document_delete(request, pk):
    document = _document_or_404(pk)
    if request.method == "POST":
        category = document.category
        services.document_delete(document=document)
        messages.success(request, _("The document was withdrawn from the library."))
        return _back_to_shelf(category)
    return render(request, "documents/staff/delete.html", {"document": document})
