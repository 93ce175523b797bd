"""Dates read the way Moroccan administration writes them: Moroccan month names in Arabic,
day-month-year, a 24-hour clock; French as French writes them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

MOROCCAN_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
]
FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load l10n %}" + text).render(Context(context))


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_arabic_and_in_french(month):
    day = date(2026, month, 9)
    assert (
        render('{{ day|date:"DATE_FORMAT" }}', "ar", day=day)
        == f"9 {MOROCCAN_MONTHS[month - 1]} 2026"
    )
    assert (
        render('{{ day|date:"DATE_FORMAT" }}', "fr", day=day)
        == f"9 {FRENCH_MONTHS[month - 1]} 2026"
    )


def test_a_moment_has_a_24_hour_clock_and_no_english_order():
    moment = datetime(2026, 12, 6, 20, 22, tzinfo=ZoneInfo("Africa/Casablanca"))
    assert (
        render('{{ moment|date:"DATETIME_FORMAT" }}', "ar", moment=moment) == "6 دجنبر 2026، 20:22"
    )
    assert (
        render('{{ moment|date:"DATETIME_FORMAT" }}', "fr", moment=moment)
        == "6 décembre 2026 20:22"
    )
    for middle_eastern in ("ديسمبر", "نوفمبر", "يوليو ", "أغسطس", "سبتمبر", " م", " ص"):
        assert middle_eastern not in render(
            '{{ moment|date:"DATETIME_FORMAT" }}', "ar", moment=moment
        )
