"""Numbers, periods and recorded values as the page's reader reads them: one layer for the
pages, the e-mails and the charts (the template filters in platform/ui/templatetags/reading.py
call these; platform/static/infitah/reading.js does the same for Chart.js). CSV and JSON
exports keep raw numbers.

Numbers: Western digits (as Moroccan administration prints them in Arabic and French), the
thousands set apart by a narrow no-break space (U+202F) in every language — "422 757" — and
a decimal comma. A dot or comma as the separator would read as a decimal point to one of the
two audiences; the narrow space reads the same to both and never breaks a number across two
lines. Numbers below 10 000 stay whole ("1590", "2026"): French and Arabic typesetting allow
it, and a year in a recorded value is never split.
"""

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi

GROUPING_FROM = 10_000
# An en dash between two years is a neutral: in an Arabic sentence it follows the reading
# direction ("2023–2026" read from the right starts with 2023); a hyphen would glue the two
# numbers into one left-to-right run and put 2026 first for an Arabic reader.
PERIOD_DASH = "\u2013"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def number_for_reading(value, decimal_places: int | None = None) -> str:
    """`value` (int, Decimal, float or their text) in the page's language; unchanged when it
    is not a number."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return "" if value is None else str(value)
    if not number.is_finite():
        return str(value)
    if decimal_places is None and number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    grouping = abs(number) >= GROUPING_FROM
    return formats.number_format(
        number, decimal_pos=decimal_places, use_l10n=True, force_grouping=grouping
    )


def period_for_reading(start, end) -> str:
    """ "2023–2026": the first year first in the reading direction of the page."""
    if start in (None, "") or end in (None, "") or str(start) == str(end):
        return str(start if start not in (None, "") else end or "")
    return f"{start}{PERIOD_DASH}{end}"


def forward_arrow() -> str:
    """The arrow from a before to an after, pointing the way the page reads."""
    return "\u2190" if get_language_bidi() else "\u2192"


def recorded_value_for_reading(text) -> SafeString:
    """A value kept as text in a history (a commitment's progress, a request's steps): an ISO
    date or time becomes the date as the page writes it, a web address a link named by its
    site, a number is grouped; anything else is escaped and isolated (its direction is the
    writer's, not the page's)."""
    text = "" if text is None else str(text).strip()
    if _ISO_DATE.match(text) and (day := parse_date(text)):
        return format_html(
            '<time datetime="{}">{}</time>', text, formats.date_format(day, "DATE_FORMAT")
        )
    if _ISO_DATETIME.match(text) and (moment := parse_datetime(text)):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return format_html(
            '<time datetime="{}">{}</time>',
            moment.isoformat(),
            formats.date_format(moment, "DATETIME_FORMAT"),
        )
    if _URL.match(text) and (host := urlsplit(text).hostname):
        return format_html(
            '<a href="{}" rel="noopener nofollow"><bdi dir="ltr">{}</bdi></a>',
            text,
            host.removeprefix("www."),
        )
    if _NUMBER.match(text):
        return format_html("<bdi>{}</bdi>", number_for_reading(text))
    return format_html("<bdi>{}</bdi>", text)
