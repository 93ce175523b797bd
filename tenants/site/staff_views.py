"""Workspace pages of this app (placeholders until built)."""
from django.shortcuts import render

from tenants.site.staff import staff_required


@staff_required("site.view_siteprofile")
def branding(request):
    return render(request, "workspace/placeholder.html", {"title": "branding"})


@staff_required("site.view_siteprofile")
def team(request):
    return render(request, "workspace/placeholder.html", {"title": "team"})
