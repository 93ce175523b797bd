from django.http import Http404
from django.shortcuts import render

from tenants.site.selectors import site_profile_get


def home(request):
    profile = site_profile_get()
    if profile is None:
        raise Http404
    return render(request, "site/home.html", {"profile": profile})
