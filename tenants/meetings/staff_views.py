"""Workspace pages of this app (placeholders until built)."""
from django.shortcuts import render

from tenants.site.staff import staff_required


@staff_required("meetings.change_meeting")
def list(request):
    return render(request, "workspace/placeholder.html", {"title": "list"})


@staff_required("meetings.change_meeting")
def detail(request, pk):
    return render(request, "workspace/placeholder.html", {"title": "detail"})
