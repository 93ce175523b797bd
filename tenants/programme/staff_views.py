"""Workspace pages of this app (placeholders until built)."""
from django.shortcuts import render

from tenants.site.staff import staff_required


@staff_required("programme.change_commitment")
def commitments(request):
    return render(request, "workspace/placeholder.html", {"title": "commitments"})


@staff_required("programme.change_commitment")
def commitment(request, pk):
    return render(request, "workspace/placeholder.html", {"title": "commitment"})
