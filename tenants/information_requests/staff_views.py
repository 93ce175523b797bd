"""Workspace pages of this app (placeholders until built)."""
from django.shortcuts import render

from tenants.site.staff import staff_required


@staff_required("information_requests.change_informationrequest")
def list(request):
    return render(request, "workspace/placeholder.html", {"title": "list"})


@staff_required("information_requests.change_informationrequest")
def detail(request, pk):
    return render(request, "workspace/placeholder.html", {"title": "detail"})
