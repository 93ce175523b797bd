"""The signatures of petitions as CSV, for the member's staff (personal data: never public)."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.petitions.models import Signature

# A cell starting with one of these is a formula to a spreadsheet: quote it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def signatures_csv(signatures, *, filename: str) -> HttpResponse:
    """`signatures` (with their petitions) as a CSV download, UTF-8 with a BOM so that
    spreadsheets read the Arabic names right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Petition"),
            _("Subject"),
            _("Full name"),
            _("National ID number (CIN)"),
            _("Link to the collectivity"),
            _("Source"),
            _("Signed at"),
        ]
    )
    signature: Signature
    for signature in signatures:
        writer.writerow(
            [
                _cell(value)
                for value in (
                    signature.petition_id,
                    signature.petition.subject,
                    signature.full_name,
                    signature.cin_normalized,
                    signature.get_link_display(),
                    signature.get_source_display(),
                    timezone.localtime(signature.signed_at).strftime("%Y-%m-%d %H:%M"),
                )
            ]
        )
    return response
