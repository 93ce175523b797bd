from datetime import date

import pytest
from django.core.exceptions import ValidationError

from citizens import clean_citizen_text
from citizens.working_days import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("<script>alert(1)</script>شكرا", "شكرا"),
        ('<img src=x onerror="alert(1)">رأيي', "رأيي"),
        ("<b>مهم</b> جدا", "مهم جدا"),
        ("a < b & c > d", "a < b & c > d"),
        ("سطر\r\n\r\n\r\n\r\nآخر\u202e", "سطر\n\nآخر"),
        ("  ⵜⵉⵟⵟⴰⵡⵉⵏ  ", "ⵜⵉⵟⵟⴰⵡⵉⵏ"),
    ],
)
def test_citizen_text_is_plain(raw, clean):
    assert clean_citizen_text(raw) == clean


def test_citizen_text_length():
    with pytest.raises(ValidationError):
        clean_citizen_text("ا" * 11, max_length=10)


def test_working_days_skip_weekends_and_eid():
    # Eid al-Fitr 2026 (estimated) falls on Friday 20 and Saturday 21 March.
    assert not is_working_day(date(2026, 3, 20))
    assert not is_working_day(date(2026, 3, 22))  # Sunday
    # Received Thursday 19 March: Fri (Eid), Sat, Sun skipped, so 1 working day is Monday 23.
    assert add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 23)
    assert add_working_days(date(2026, 3, 19), 20) == date(2026, 4, 17)
    assert working_days_between(date(2026, 3, 19), date(2026, 4, 17)) == 20
