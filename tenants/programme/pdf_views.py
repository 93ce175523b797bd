"""The programme's PDF on the member's site: served from the member's storage, or a page that
says it is being prepared and refreshes (tenants/programme/pdf.py says why)."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from tenants.programme.pdf import (
    programme_pdf_download_name,
    programme_pdf_offered_in_french,
    programme_pdf_stored,
)
from tenants.programme.selectors import programme_current

# Seconds before the waiting page asks again.
REFRESH_SECONDS = 3


def programme_pdf(request, language: str = "ar"):
    programme = programme_current()
    if programme is None:
        raise Http404
    if language == "fr" and not programme_pdf_offered_in_french(programme=programme):
        raise Http404
    name = programme_pdf_stored(programme=programme, language=language)
    if name is None:
        response = render(
            request,
            "programme/pdf/preparing.html",
            {"programme": programme, "refresh": REFRESH_SECONDS},
            status=202,
        )
        response["Retry-After"] = str(REFRESH_SECONDS)
        add_never_cache_headers(response)
        return response
    try:
        file = default_storage.open(name, "rb")
    except FileNotFoundError:  # dropped since (a newer one replaced it): ask again
        raise Http404 from None
    response = FileResponse(
        file,
        as_attachment=True,
        content_type="application/pdf",
        filename=programme_pdf_download_name(programme=programme, language=language),
    )
    # The same address serves a newer file after a change: browsers must ask each time.
    response["Cache-Control"] = "no-cache"
    return response
