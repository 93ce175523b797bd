"""Registrations as a CSV file for the member's staff (personal data: never public).

UTF-8 with a byte order mark, so that Excel opens Arabic names as Arabic rather than as
mojibake. A cell that starts like a formula is prefixed with an apostrophe: names come from
the public, and a spreadsheet must not run them.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.meetings.models import Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def registrations_csv(registrations: Iterable[Registration], *, filename: str) -> HttpResponse:
    """A download of `registrations` (with their meeting selected: no query per row)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Meeting"),
            _("Starts at"),
            _("Name"),
            _("E-mail"),
            _("Category"),
            _("Gender"),
            _("Language"),
            _("Registered at"),
            _("Cancelled at"),
            _("Present"),
        ]
    )
    for registration in registrations:
        meeting = registration.meeting
        writer.writerow(
            [
                _cell(value)
                for value in (
                    meeting.title,
                    _moment(meeting.starts_at),
                    registration.name,
                    registration.email,
                    registration.get_category_display(),
                    registration.get_gender_display(),
                    registration.language,
                    _moment(registration.registered_at),
                    _moment(registration.cancelled_at),
                    _("yes") if registration.present else _("no"),
                )
            ]
        )
    return response
