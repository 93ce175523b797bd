"""Workspace pages of this app (placeholders until built)."""
from django.shortcuts import render

from tenants.site.staff import staff_required


@staff_required("documents.add_document")
def list(request):
    return render(request, "workspace/placeholder.html", {"title": "list"})
