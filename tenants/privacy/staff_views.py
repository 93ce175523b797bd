"""Workspace pages of a person's personal data (law 09-08, arts. 7-9): the focal point alone.

Thin: parse the form, call tenants/privacy/data_subjects.py, answer; every reading is logged.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from tenants.privacy.data_subjects import (
    personal_data_erase,
    personal_data_export,
    personal_data_find,
    personal_data_search,
)
from tenants.privacy.retention import RETENTION
from tenants.privacy.staff_forms import PersonalDataSearchForm
from tenants.site.models import PersonalDataRead, RetentionPurge
from tenants.site.personal_data import identity_visible
from tenants.site.staff import staff_required


def _identity_reader(request) -> None:
    """The focal point only: not the directorate's assistance account (tenants/site/
    personal_data.py), whose role otherwise has the focal point's rights."""
    if not identity_visible(request.user):
        raise PermissionDenied


def _person_query(form) -> str:
    return urlencode({k: form.cleaned_data[k] for k in ("email", "cin") if form.cleaned_data[k]})


@staff_required("site.view_personaldataread")
def personal_data(request):
    """Find a person by e-mail (and CIN): what this member holds on them, to export or
    erase. Every search is logged: it shows identity data."""
    _identity_reader(request)
    form = PersonalDataSearchForm(request.GET or None)
    found = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            found = personal_data_search(
                email=form.cleaned_data["email"], cin=form.cleaned_data["cin"], by=request.user
            )
        else:
            status = 400
    return render(
        request,
        "privacy/staff/personal_data.html",
        {"form": form, "found": found, "query": _person_query(form) if found is not None else ""},
        status=status,
    )


@staff_required("site.view_personaldataread")
def personal_data_download(request):
    """The person's data as JSON or CSV (logged)."""
    _identity_reader(request)
    form = PersonalDataSearchForm(request.GET)
    kind = request.GET.get("format")
    if kind not in ("json", "csv") or not form.is_valid():
        return render(
            request,
            "privacy/staff/personal_data.html",
            {"form": form, "found": None, "query": ""},
            status=400,
        )
    content, content_type = personal_data_export(
        email=form.cleaned_data["email"], cin=form.cleaned_data["cin"], by=request.user, kind=kind
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="personal-data.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required("site.view_personaldataread")
def personal_data_erasure(request):
    """Check, then erase: the page says what stays (anonymised) and what goes."""
    _identity_reader(request)
    form = PersonalDataSearchForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return render(
            request,
            "privacy/staff/personal_data.html",
            {"form": form, "found": None, "query": ""},
            status=400,
        )
    email, cin = form.cleaned_data["email"], form.cleaned_data["cin"]
    if request.method == "POST":
        result = personal_data_erase(email=email, cin=cin, by=request.user)
        erased = sum(done for done, _kept in result.values())
        kept = sum(kept for _done, kept in result.values())
        message = ngettext(
            "The personal data was erased from %(count)s record.",
            "The personal data was erased from %(count)s records.",
            erased,
        ) % {"count": erased}
        if kept:
            message += " " + ngettext(
                "%(count)s information request still open was kept: it must be answered first.",
                "%(count)s information requests still open were kept: they must be answered first.",
                kept,
            ) % {"count": kept}
        messages.success(request, message)
        return redirect(reverse("staff:privacy:personal-data") + "?" + _person_query(form))
    return render(
        request,
        "privacy/staff/personal_data_erase.html",
        {"form": form, "found": personal_data_find(email=email, cin=cin)},
    )


@staff_required("site.view_personaldataread")
def personal_data_log(request):
    """Who read, exported or erased personal data, and what the daily purge removed."""
    _identity_reader(request)
    return render(
        request,
        "privacy/staff/personal_data_log.html",
        {
            "readings": PersonalDataRead.objects.all()[:200],
            "purges": [
                {
                    "purge": purge,
                    "what": RETENTION[purge.kind].what if purge.kind in RETENTION else purge.kind,
                }
                for purge in RetentionPurge.objects.all()[:100]
            ],
        },
    )
