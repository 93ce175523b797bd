"""The demo requests: one in each situation, in Arabic, seeded once, sending nothing."""

from datetime import date

import pytest
from django.core import mail

from tenants.information_requests.models import InformationRequest, State
from tenants.information_requests.seeds import information_requests_seed_demo

pytestmark = pytest.mark.usefixtures("in_tetouan")


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2026, 3, 30), date(2027, 1, 5)])
def test_the_demo_has_a_request_in_each_situation(today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert information_requests_seed_demo(today=today) == 5
        assert information_requests_seed_demo(today=today) == 0  # once only
    assert mail.outbox == []
    requests = list(InformationRequest.objects.order_by("received_on"))
    assert [r.state for r in requests] == [
        State.ANSWERED,
        State.REFUSED,
        State.IN_PROGRESS,
        State.EXTENDED,
        State.IN_PROGRESS,
    ]
    answered, refused, overdue, extended, in_progress = requests
    assert answered.answered_on_time and refused.refusal_ground == "private_life"
    assert overdue.is_overdue(today)
    assert not extended.is_overdue(today) and extended.is_extended
    assert not in_progress.is_overdue(today)
    assert all("\u0600" <= r.information_wanted[0] <= "\u06ff" for r in requests)  # Arabic
    assert all(r.events.first().at.date() == r.received_on for r in requests)
