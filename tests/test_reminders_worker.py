"""Reminders through a real Celery worker process and the real Redis broker: a request due on
the Monday after Eid al-Fitr is reminded on the right working days, a lost broker loses no
reminder, a sweep run twice sends once, and a sweep never crosses members nor writes to a
suspended or unready member's people.

Everything here commits for real (the worker is another process): each test cleans up after
itself.
"""

from datetime import date, datetime, timedelta

import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from network.members.models import Member
from tenants.information_requests.models import InformationRequest
from tenants.information_requests.services import information_request_file
from tenants.notifications.models import Notification
from tenants.site.models import StaffMembership
from tenants.site.roles import Role
from tests.worker_process import wait_for, worker_start, worker_stop
from workers.app import app
from workers.reminders import reminders_for_member, reminders_sweep

DUE_SOON = "reminder.information_request.due_soon"
DUE_TODAY = "reminder.information_request.due_today"
OVERDUE = "reminder.information_request.overdue"
# Monday 23 March 2026: Friday 20 and Saturday 21 are Eid al-Fitr (estimated).
DUE_ON = date(2026, 3, 23)


def moment(day: date, hour: int = 8) -> str:
    """A moment of `day` in Morocco, as the sweep's `now` (ISO 8601, Morocco's offset that day:
    the clocks go back an hour during Ramadan)."""
    return datetime.combine(
        day, datetime.min.time().replace(hour=hour), timezone.get_default_timezone()
    ).isoformat()


@pytest.fixture
def worker(network):
    process = worker_start(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    yield process
    worker_stop(process)


def broker() -> redis.Redis:
    """The broker's Redis (Kombu spells a Unix socket `redis+socket://`, redis-py `unix://`:
    the embedded Redis of `make test` is on a socket)."""
    return redis.Redis.from_url(settings.CELERY_BROKER_URL.replace("redis+socket://", "unix://", 1))


def broker_flush() -> None:
    """What a Redis restart without persistence does to the broker: every queued task gone."""
    broker().flushdb()


@pytest.fixture
def committed(network, django_db_blocker):
    """Real commits in both members, removed afterwards; Tanger back to ready, not suspended."""
    with django_db_blocker.unblock():
        yield network
        for member in network.values():
            with tenant_context(member):
                Notification.objects.all().delete()
                InformationRequest.objects.all().delete()
                StaffMembership.objects.all().delete()
                User.objects.all().delete()
        Member.objects.filter(pk__in=[m.pk for m in network.values()]).update(
            is_ready=True, suspended_at=None
        )
        connection.set_schema_to_public()


def seed(member: Member, focal_point: str) -> InformationRequest:
    """A focal point and a request due on DUE_ON in `member` (committed)."""
    with tenant_context(member):
        user = User.objects.create_user(focal_point, email=focal_point, is_staff=True)
        StaffMembership.objects.create(user=user, role=Role.FOCAL_POINT)
        information_request = information_request_file(
            requester_name="أمينة الفاسي",
            id_document="cin",
            id_number="K123456",
            postal_address="زنقة الحرية، رقم 12",
            email="amina@example.ma",
            information_wanted="نسخة من الميزانية",
            today=DUE_ON - timedelta(days=30),
        )
        InformationRequest.objects.filter(pk=information_request.pk).update(
            initial_due_on=DUE_ON, due_on=DUE_ON
        )
        return information_request


def reminders_in(member: Member) -> list[tuple[str, str, str]]:
    """(kind, recipient, state) of the reminders in `member`'s outbox."""
    with tenant_context(member):
        return list(
            Notification.objects.filter(kind__startswith="reminder.")
            .order_by("pk")
            .values_list("kind", "recipient_email", "state")
        )


def wait_idle(timeout: float = 60) -> None:
    """Until no reminders task is queued, held or running: every task a sweep fanned out has
    run (other queues' tasks, a snapshot refresh due in a minute say, do not count)."""
    queues = broker()

    def ours(state: dict | None) -> list | None:
        if state is None:
            return None  # no answer yet: not known to be idle
        return [
            task
            for tasks in state.values()
            for task in tasks
            if (task.get("request", task).get("name") or "").startswith("workers.reminders.")
        ]

    def idle() -> bool:
        if queues.llen("reminders"):
            return False
        inspect = app.control.inspect(timeout=1, limit=1)  # one worker: its answer suffices
        states = [ours(inspect.active()), ours(inspect.reserved()), ours(inspect.scheduled())]
        return all(state == [] for state in states)

    wait_for(lambda: idle() and idle(), timeout)


def sweep_member(member: Member, day: date, hour: int = 8) -> dict:
    return reminders_for_member.apply_async_for_member(
        member, kwargs={"now": moment(day, hour)}
    ).get(timeout=60)


def test_reminders_survive_a_broker_restart_and_are_sent_once(worker, committed):
    tetouan, tanger = committed["tetouan"], committed["tanger"]
    seed(tetouan, "focal@tetouan.ma")
    seed(tanger, "focal@tanger.ma")

    assert DUE_SOON not in sweep_member(tetouan, date(2026, 3, 16))
    # Tuesday 17 March: 3 working days before Monday 23 (Wednesday, Thursday, Monday).
    assert sweep_member(tetouan, date(2026, 3, 17))[DUE_SOON] == 1
    assert DUE_SOON not in sweep_member(tetouan, date(2026, 3, 17))  # run twice: sent once
    # Delivered by the workers after the commit, once.
    wait_for(lambda: reminders_in(tetouan) == [(DUE_SOON, "focal@tetouan.ma", "sent")])
    # Tétouan's sweep reminded nobody at Tanger, and Tanger's own request waits for its sweep.
    assert reminders_in(tanger) == []

    # Friday 20 (Eid) and the weekend: nothing new.
    for day in (date(2026, 3, 20), date(2026, 3, 21), date(2026, 3, 22)):
        sweep_member(tetouan, day)
    assert len(reminders_in(tetouan)) == 1

    # Monday's morning tick is queued, then Redis restarts before a worker takes it.
    worker_stop(worker)
    reminders_sweep.apply_async(kwargs={"now": moment(DUE_ON, 7), "spread_seconds": 0})
    broker_flush()
    worker = worker_start(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    try:
        assert reminders_in(tetouan) == [(DUE_SOON, "focal@tetouan.ma", "sent")]
        # The next tick (13:05) catches up: each member is reminded of its own request.
        assert reminders_sweep.delay(now=moment(DUE_ON, 13), spread_seconds=0).get(timeout=60) >= 2
        wait_idle()
        # Tanger's first sweep is on the due date: the day's reminder, not the one before.
        assert [row[:2] for row in reminders_in(tanger)] == [(DUE_TODAY, "focal@tanger.ma")]
        # The evening tick sends nothing again.
        reminders_sweep.delay(now=moment(DUE_ON, 18), spread_seconds=0).get(timeout=60)
        wait_idle()
        assert [row[:2] for row in reminders_in(tetouan)] == [
            (DUE_SOON, "focal@tetouan.ma"),
            (DUE_TODAY, "focal@tetouan.ma"),
        ]
        wait_for(lambda: all(state == "sent" for *_, state in reminders_in(tetouan)))
    finally:
        worker_stop(worker)


def test_suspended_and_unready_members_are_skipped(worker, committed):
    tetouan, tanger = committed["tetouan"], committed["tanger"]
    seed(tetouan, "focal@tetouan.ma")
    seed(tanger, "focal@tanger.ma")
    Member.objects.filter(pk=tanger.pk).update(suspended_at=timezone.now())

    sent = reminders_sweep.delay(now=moment(date(2026, 3, 17)), spread_seconds=0).get(timeout=60)
    assert sent == Member.objects.ready().count() - 1  # every ready member but Tanger
    wait_idle()
    assert [row[:2] for row in reminders_in(tetouan)] == [(DUE_SOON, "focal@tetouan.ma")]
    # A task queued for Tanger before its suspension does nothing either.
    assert (
        reminders_for_member.apply_async_for_member(
            tanger, kwargs={"now": moment(date(2026, 3, 17))}
        ).get(timeout=60)
        == {}
    )
    assert reminders_in(tanger) == []

    # Not ready (being migrated, say): not reached by the sweep.
    Member.objects.filter(pk=tanger.pk).update(suspended_at=None, is_ready=False)
    assert (
        reminders_sweep.delay(now=moment(date(2026, 3, 18)), spread_seconds=0).get(timeout=60)
        == Member.objects.ready().count()
    )
    wait_idle()
    assert reminders_in(tanger) == []

    # Back to normal: Tanger's next sweep catches up the reminder it missed.
    Member.objects.filter(pk=tanger.pk).update(is_ready=True)
    assert sweep_member(tanger, date(2026, 3, 19))[DUE_SOON] == 1
    assert [row[:2] for row in reminders_in(tanger)] == [(DUE_SOON, "focal@tanger.ma")]
