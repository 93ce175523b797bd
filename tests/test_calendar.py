"""The official calendar (platform/citizens): the package's estimated feasts, the decisions
announced in 2023–2025 shipped as data, decisions recorded by the operators' command and in
the directorate's console, and how a process learns of a decision recorded by another."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from citizens.models import HolidayDecision
from citizens.working_days import (
    ANNOUNCED,
    ESTIMATED,
    FIXED,
    add_working_days,
    calendar_current,
    calendar_forget,
    holidays_between,
    is_working_day,
    package_holidays,
    working_days_between,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_calendar():
    """No process copy of the calendar from another test (their decisions rolled back)."""
    calendar_forget()
    yield
    calendar_forget()


def kinds(day: date) -> set[str]:
    return {h.kind for h in calendar_current().holidays_on(day)}


def package_first_day(year: int, name_fr: str) -> date:
    return min(
        day
        for day, named in package_holidays(year).items()
        if any(h.name_fr == name_fr and h.kind == ESTIMATED for h in named)
    )


# --- the package against the announced dates (2023–2025, shipped as data) --------------------


@pytest.mark.parametrize(
    "name_fr, year, package_day, announced_day",
    [
        ("Aïd al-Fitr", 2023, date(2023, 4, 21), date(2023, 4, 22)),
        ("Aïd al-Adha", 2023, date(2023, 6, 28), date(2023, 6, 29)),
        ("Aïd al-Adha", 2024, date(2024, 6, 16), date(2024, 6, 17)),
        ("Aïd al-Adha", 2025, date(2025, 6, 6), date(2025, 6, 7)),
    ],
)
def test_the_package_places_these_feasts_a_day_before_morocco(
    name_fr, year, package_day, announced_day
):
    french = {"Aïd al-Fitr": "Fête de la rupture du jeûne", "Aïd al-Adha": "Fête du sacrifice"}
    assert package_first_day(year, french[name_fr]) == package_day
    decision = HolidayDecision.objects.get(first_day=announced_day)
    assert decision.name_fr == name_fr and decision.days == 2 and decision.source
    assert package_day in decision.replaces
    # The calendar: the package's first day is no longer a holiday, the announced two are.
    assert ESTIMATED not in kinds(package_day)
    assert kinds(announced_day) == {ANNOUNCED}
    assert kinds(announced_day.replace(day=announced_day.day + 1)) == {ANNOUNCED}


def test_the_announced_dates_move_the_deadlines_of_those_years():
    # Eid al-Adha 2024: Monday 17 and Tuesday 18 June off (the package: Sunday 16, Monday 17).
    assert not is_working_day(date(2024, 6, 18))
    assert add_working_days(date(2024, 6, 14), 1) == date(2024, 6, 19)
    # Eid al-Fitr 2023 on Saturday 22 April: Friday 21 is worked; Monday 24 was granted off.
    assert is_working_day(date(2023, 4, 21))
    assert not is_working_day(date(2023, 4, 24))
    assert add_working_days(date(2023, 4, 20), 1) == date(2023, 4, 21)
    assert add_working_days(date(2023, 4, 21), 1) == date(2023, 4, 25)
    # Eid al-Adha 2025 on Saturday 7 June: Friday 6 is worked, Monday 9 was granted off.
    assert is_working_day(date(2025, 6, 6)) and not is_working_day(date(2025, 6, 9))


# --- years the suite does not use elsewhere: estimates until a decision ----------------------


def test_2027_and_2028_count_the_estimated_feasts():
    # Eid al-Fitr 2027 estimated Tuesday 9 and Wednesday 10 March.
    assert kinds(date(2027, 3, 9)) == kinds(date(2027, 3, 10)) == {ESTIMATED}
    assert add_working_days(date(2027, 3, 8), 1) == date(2027, 3, 11)
    # Eid al-Adha 2028 estimated Friday 5 and Saturday 6 May.
    assert add_working_days(date(2028, 5, 4), 1) == date(2028, 5, 8)
    assert working_days_between(date(2028, 5, 4), date(2028, 5, 8)) == 1
    # New Year 2028 is on a Saturday: no weekday skipped for it.
    assert holidays_between(date(2027, 12, 31), date(2028, 1, 3)) == []
    # 14 August 2027: Oued Ed-Dahab Day (fixed) and the Prophet's Birthday (estimated).
    assert kinds(date(2027, 8, 14)) == {FIXED, ESTIMATED}


def test_a_decision_replaces_the_estimate_not_the_fixed_holiday_of_the_same_day():
    call_command(
        "holiday_decision",
        "2027-08-15",
        "--days",
        "2",
        "--name-ar",
        "عيد المولد النبوي",
        "--name-fr",
        "Aïd al-Mawlid",
        "--replaces",
        "2027-08-14",
        "2027-08-15",
    )
    assert kinds(date(2027, 8, 14)) == {FIXED}  # Oued Ed-Dahab Day stays
    assert kinds(date(2027, 8, 16)) == {ANNOUNCED}
    assert not is_working_day(date(2027, 8, 16))  # a Monday, now off


# --- the operators' command ------------------------------------------------------------------


def test_the_command_records_a_feast_and_the_calendar_counts_it_at_once(capsys):
    assert add_working_days(date(2027, 5, 14), 1) == date(2027, 5, 18)  # Mon 17 estimated
    call_command(
        "holiday_decision",
        "2027-05-17",
        "--days",
        "2",
        "--name-ar",
        "عيد الأضحى",
        "--name-fr",
        "Aïd al-Adha",
        "--replaces",
        "2027-05-16",
        "2027-05-17",
        "--source",
        "بلاغ وزارة الأوقاف والشؤون الإسلامية",
    )
    assert "2027-05-17, 2027-05-18" in capsys.readouterr().out
    decision = HolidayDecision.objects.get(first_day=date(2027, 5, 17))
    assert decision.replaces == [date(2027, 5, 16), date(2027, 5, 17)]
    assert decision.recorded_by_name == "manage.py holiday_decision"
    assert add_working_days(date(2027, 5, 14), 1) == date(2027, 5, 19)  # Tue 18 now off
    assert [h.name for h in holidays_between(date(2027, 5, 14), date(2027, 5, 19))] == [
        "عيد الأضحى",
        "عيد الأضحى",
    ]


@pytest.mark.parametrize(
    "arguments, message",
    [
        # 20 May 2027 is no estimated feast: nothing to replace there.
        (["2027-05-20", "--replaces", "2027-05-20"], "2027-05-20"),
        (["2027-05-17", "--days", "5"], "3"),
        (["2027-13-01"], "YYYY-MM-DD"),
        (["2027-05-17", "--name-ar", "  "], None),
    ],
)
def test_the_command_refuses_bad_input_and_records_nothing(arguments, message):
    names = {"--name-ar": "عيد الأضحى", "--name-fr": "Aïd al-Adha"}
    for flag, value in names.items():
        if flag not in arguments:
            arguments = [*arguments, flag, value]
    before = HolidayDecision.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("holiday_decision", *arguments)
    if message:
        assert message in str(refused.value)
    assert HolidayDecision.objects.count() == before


def test_a_second_decision_for_the_same_day_is_refused():
    call_command(
        "holiday_decision",
        "2028-02-26",
        "--days",
        "2",
        "--name-ar",
        "عيد الفطر",
        "--name-fr",
        "Aïd al-Fitr",
        "--replaces",
        "2028-02-26",
        "2028-02-27",
    )
    with pytest.raises(CommandError):
        call_command(
            "holiday_decision", "2028-02-26", "--name-ar", "عيد الفطر", "--name-fr", "Aïd al-Fitr"
        )
    assert HolidayDecision.objects.filter(first_day=date(2028, 2, 26)).count() == 1


# --- another process's decision ----------------------------------------------------------------


def test_a_decision_recorded_elsewhere_is_seen_after_the_check_interval(settings):
    settings.CALENDAR_CHECK_SECONDS = 3600
    assert is_working_day(date(2028, 5, 8))  # this process's copy, checked now
    # Another process records a decision (straight into the table: this one is not told).
    HolidayDecision.objects.create(
        first_day=date(2028, 5, 8), days=1, name_ar="عطلة استثنائية", name_fr="Congé exceptionnel"
    )
    assert is_working_day(date(2028, 5, 8))  # still its copy, within the interval
    settings.CALENDAR_CHECK_SECONDS = 0
    assert not is_working_day(date(2028, 5, 8))  # the version changed: read again


def test_the_calendar_checks_one_small_query_then_none(settings, django_assert_num_queries):
    settings.CALENDAR_CHECK_SECONDS = 3600
    calendar_current()  # the version, then the decisions
    with django_assert_num_queries(0):
        add_working_days(date(2027, 1, 4), 200)
    with django_assert_num_queries(1):  # a check that finds the same version reads nothing
        calendar_current(check=True)
    assert connection.schema_name == "public"
