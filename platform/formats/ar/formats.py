"""Dates and times as Moroccan administration writes them in Arabic: day, month, year, a
24-hour clock, Western digits. Django's `ar` formats follow another order ("ديسمبر 6, 2026,
8:22 ص" for a date and time); the Moroccan month names (دجنبر، نونبر، غشت…) come from the
platform's catalogue (platform/ui/calendar_words.py)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
