"""Reads: public lists hold published petitions with their counts; figures and the next
session in a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.petitions.models import State
from tenants.petitions.selectors import (
    next_ordinary_session,
    petition_detail,
    petition_list,
)
from tenants.petitions.services import petition_file, petition_transition
from tenants.petitions.tests.factories import AGENT, SUBJECT, TEXT, petition, sign
from tenants.figures.selectors import member_figures
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


def queries(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def petition_figures() -> dict:
    """The petitions' part of the member's figures for the network's snapshot."""
    return member_figures()["petitions"]


def test_figures_by_state_in_constant_queries():
    assert petition_figures() == {
        "total": 0,
        "awaiting_publication": 0,
        "signatures": 0,
        "by_state": {state: 0 for state in State.values},
    }
    first = petition(threshold=2)
    sign(first, 2)
    few = queries(petition_figures)
    petition_transition(petition=first, to=State.SUBMITTED, by=Actor(name="staff"))
    for _ in range(3):
        sign(petition(), 1, start=50)
    petition_file(subject=SUBJECT, text=TEXT, **AGENT)
    figures = petition_figures()
    assert figures["total"] == 4 and figures["awaiting_publication"] == 1
    assert figures["by_state"][State.SUBMITTED] == 1
    assert figures["by_state"][State.COLLECTING] == 3
    assert figures["signatures"] == 5
    assert queries(petition_figures) == few


def test_lists_and_details_in_constant_queries():
    target = petition()
    sign(target, 3)

    def read_all():
        for item in petition_list():
            item.signature_total, item.progress_percent
        detail = petition_detail(pk=target.pk)
        list(detail.steps.all()), detail.signature_total

    few = queries(read_all)
    for _ in range(4):
        sign(petition(), 2, start=10)
    assert queries(read_all) == few
    assert [item.signature_total for item in petition_list()][-1] == 3


@pytest.mark.parametrize(
    "after, months, expected",
    [
        (date(2026, 1, 10), [2, 5, 10], date(2026, 2, 2)),  # Sunday 1 Feb: Monday 2
        (date(2026, 2, 2), [2, 5, 10], date(2026, 2, 2)),  # the day itself
        (date(2026, 2, 3), [2, 5, 10], date(2026, 5, 4)),  # 1 May is Labour Day, then a weekend
        (date(2026, 10, 20), [2, 5, 10], date(2027, 2, 1)),  # over the year's end
        (date(2026, 6, 2), [1, 6, 9], date(2026, 9, 1)),  # prefectures and provinces
        (date(2026, 11, 1), [3, 7, 10], date(2027, 3, 1)),  # regions
        (date(2026, 12, 15), [1, 6, 9], date(2027, 1, 4)),  # 1 Jan holiday; 2-3 Jan a weekend
    ],
)
def test_the_next_ordinary_session(after, months, expected):
    assert next_ordinary_session(months=months, after=after) == expected
