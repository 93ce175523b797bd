"""The member's figures (read by the network's snapshots) and the register's reads."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.information_requests.models import RefusalGround
from tenants.information_requests.selectors import (
    information_request_figures,
    information_request_public_detail,
    information_request_register,
)
from tenants.information_requests.services import (
    information_request_answer,
    information_request_answer_partly,
    information_request_refuse,
    information_request_start,
    information_request_withdraw,
)
from tenants.information_requests.tests.factories import filed
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")

TODAY = date(2026, 5, 4)  # every request below is due by 17 April 2026 (filed on 19 March)


def test_no_request_no_share():
    assert information_request_figures(today=TODAY) == {
        "received": 0,
        "answered": 0,
        "refused": 0,
        "overdue": 0,
        "on_time_share": None,
        "median_days_to_answer": None,
    }


def test_figures_in_one_query():
    on_time = information_request_answer(
        information_request=filed(),
        by=Actor(name="clerk"),
        answer_text="الجواب",
        today=date(2026, 3, 29),
    )  # 10 days
    information_request_answer_partly(
        information_request=filed(),
        by=Actor(name="clerk"),
        answer_text="جزء",
        refusal_ground=RefusalGround.SOURCES,
        reasons="حماية المصادر",
        today=date(2026, 4, 20),
    )  # late, 32 days
    information_request_refuse(
        information_request=filed(),
        by=Actor(name="clerk"),
        refusal_ground=RefusalGround.NATIONAL_DEFENCE,
        reasons="الدفاع الوطني",
        today=date(2026, 4, 8),
    )  # on time, 20 days
    information_request_start(information_request=filed(), by=Actor(name="clerk"))  # open, overdue
    information_request_withdraw(information_request=filed(), by=Actor(name="clerk"))  # not counted
    filed(today=date(2026, 5, 1))  # open, not yet due
    assert on_time.answered_on_time
    with CaptureQueriesContext(connection) as queries:
        figures = information_request_figures(today=TODAY)
    assert len(queries) == 1
    assert figures == {
        "received": 6,
        "answered": 2,
        "refused": 1,
        "overdue": 1,
        # 2 decided on time out of 3 decided + 1 deemed refused (silence)
        "on_time_share": 0.5,
        "median_days_to_answer": 20.0,
    }


def test_the_register_never_loads_personal_data():
    information_request = filed()
    with CaptureQueriesContext(connection) as queries:
        listed = list(information_request_register())
        shown = information_request_public_detail(pk=information_request.pk)
        steps = list(shown.events.all())
    assert len(queries) == 3 and len(steps) == 1 and listed == [shown]
    sql = " ".join(query["sql"] for query in queries)
    for column in ("requester_name", "id_number", "postal_address", '"email"', "urgency_reason"):
        assert column not in sql
    assert '"by"' not in sql and '"note"' not in sql


def test_the_register_filters_by_state_and_overdue():
    answered = information_request_answer(
        information_request=filed(),
        by=Actor(name="clerk"),
        answer_text="الجواب",
        today=date(2026, 3, 30),
    )
    waiting = filed()
    assert list(information_request_register(state="answered")) == [answered]
    assert list(information_request_register(overdue=True)) == [waiting]  # today is past April
