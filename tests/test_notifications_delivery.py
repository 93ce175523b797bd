"""Notifications delivered by a real Celery worker, through the real Redis broker, to a real
(local) SMTP server: languages, members kept apart, a worker killed mid-delivery, SMTP errors.

These tests commit for real (the worker is another process): each cleans up what it wrote.
"""

import os
import signal
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.documents.services import document_create
from tenants.notifications.models import Notification, Subscriber, Subscription, Topic
from tenants.notifications.recording import notification_record
from tenants.notifications.signals import outbox_ready
from tests.smtp_sink import SmtpSink
from tests.worker_process import wait_for, worker_children, worker_start, worker_stop
from kernel.actors import Actor

LEASE_SECONDS = 3


@pytest.fixture(scope="module")
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture(scope="module")
def worker(network, sink):
    """A real prefork worker (one child, which a test may kill) on the notifications queue,
    pointed at the test database and the sink, with a short lease and quick retries."""
    process = worker_start(
        queues="notifications",
        pool="prefork",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_TIMEOUT="10",
        NOTIFICATIONS_LEASE_SECONDS=str(LEASE_SECONDS),
        NOTIFICATIONS_RETRY_SECONDS="1",
        NOTIFICATIONS_MAX_ATTEMPTS="3",
    )
    yield process
    worker_stop(process)


@pytest.fixture
def live(worker, sink, network, django_db_blocker, settings):
    """Committed writes handed to the worker; the sink and both outboxes emptied after."""
    settings.NOTIFICATIONS_DELIVERY = "worker"
    sink.handler.refuse.clear()
    sink.handler.hold_at = None
    sink.handler.held.clear()
    sink.handler.release.clear()
    with django_db_blocker.unblock():
        empty_outboxes(network)  # whatever other tests committed there
        yield network
        empty_outboxes(network)
    with sink.handler.lock:
        sink.handler.messages.clear()
        sink.handler.rcpt_count = sink.handler.refused_count = 0


def empty_outboxes(network) -> None:
    from tenants.documents.models import Document

    for member in network.values():
        with tenant_context(member):
            Notification.objects.update(grouped_into=None)
            Notification.objects.all().delete()
            Subscriber.objects.all().delete()
            Document.objects.filter(link__startswith="https://example.ma/").delete()  # ours


def follower(email: str, language: str, topic: str = Topic.DOCUMENTS) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email, language=language, verified_at=timezone.now()
    )
    Subscription.objects.create(subscriber=subscriber, topic=topic)
    return subscriber


@transaction.atomic  # one transaction, as for an event: one hand-over to the workers
def record_many(count: int, prefix: str) -> None:
    for number in range(count):
        notification_record(
            key=f"{prefix}:{number}",
            recipient_email=f"p{number}@example.ma",
            language="ar",
            template="notifications/email/verify",
            kind="test",
            context={"link": f"http://x/{number}", "topics": []},
        )


def states(member) -> dict[str, int]:
    with tenant_context(member):
        from tenants.notifications.selectors import outbox_by_state

        return outbox_by_state()


def test_news_reach_each_member_own_followers_in_their_language(live, sink):
    tetouan, tanger = live["tetouan"], live["tanger"]
    with tenant_context(tetouan):
        follower("amal@example.ma", "ar")
        follower("luc@example.ma", "fr")
    with tenant_context(tanger):
        follower("karim@example.ma", "fr")
    with tenant_context(tetouan):
        document_create(
            by=Actor(name="test"),
            category="budget_accounts",
            title_ar="ميزانية تطوان 2026",
            title_fr="Budget de Tétouan 2026",
            link="https://example.ma/b.pdf",
        )
    wait_for(lambda: len(sink.messages) >= 2)
    with tenant_context(tanger):
        document_create(
            by=Actor(name="test"),
            category="budget_accounts",
            title_ar="ميزانية طنجة 2026",
            title_fr="Budget de Tanger 2026",
            link="https://example.ma/t.pdf",
        )
    wait_for(lambda: len(sink.messages) >= 3)
    time.sleep(1)  # anything more would be a leak or a duplicate
    assert len(sink.messages) == 3
    (amal,), (luc,), (karim,) = (sink.to(f"{name}@example.ma") for name in ("amal", "luc", "karim"))
    assert "نشر وثيقة جديدة" in amal.subject and "ميزانية تطوان 2026" in amal.body
    assert "تطوان" in amal.headers["From"] or "=?utf-8?" in amal.headers["From"]
    assert "Un nouveau document a été publié" in luc.subject
    assert "Budget de Tétouan 2026" in luc.body and "Tanger" not in luc.body
    assert "Budget de Tanger 2026" in karim.body and "Tétouan" not in karim.body
    assert luc.headers["List-Unsubscribe"].strip().startswith("<http")
    assert luc.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert states(tetouan) == {"sent": 2} and states(tanger) == {"sent": 1}


def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_nothing_twice(live, sink, worker):
    tetouan = live["tetouan"]
    sink.handler.hold_at = 5  # the 5th message is in the middle of its SMTP exchange
    with tenant_context(tetouan):
        record_many(12, "kill")
    assert sink.handler.held.wait(timeout=60)
    children = worker_children(worker)
    assert children, "the worker has no child process"
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    sink.handler.release.set()
    # The task comes back (late acknowledgement), finds the rows under the dead child's lease,
    # and takes them again once the lease has passed.
    wait_for(lambda: len(sink.messages) >= 12, timeout=60)
    time.sleep(LEASE_SECONDS * 2)
    counts = sink.handler.counts()
    assert len(counts) == 12 and set(counts.values()) == {1}  # none lost, none twice
    assert sorted(m.recipients[0] for m in sink.messages) == sorted(
        f"p{n}@example.ma" for n in range(12)
    )
    assert states(tetouan) == {"sent": 12}
    with tenant_context(tetouan):
        attempts = dict(Notification.objects.values_list("key", "attempts"))
    # The first four were sent (and marked) before the kill; the held one and those after it
    # were claimed by the dead child and sent by the next one.
    assert [attempts[f"kill:{n}"] for n in range(12)] == [1] * 4 + [2] * 8


def test_smtp_errors_are_retried_then_failed_with_the_reason(live, sink):
    tetouan = live["tetouan"]
    sink.handler.refuse["busy@example.ma"] = "451 4.2.1 Mailbox busy, try later"
    sink.handler.refuse["nobody@example.ma"] = "550 5.1.1 No such user"
    with tenant_context(tetouan):
        for email in ("busy@example.ma", "nobody@example.ma", "fine@example.ma"):
            notification_record(
                key=f"smtp:{email}",
                recipient_email=email,
                language="fr",
                template="notifications/email/verify",
                kind="test",
                context={"link": "http://x/", "topics": []},
            )

    def settled():
        with tenant_context(tetouan):
            rows = {row.recipient_email: row for row in Notification.objects.all()}
        return rows if all(row.state in ("sent", "failed") for row in rows.values()) else None

    rows = wait_for(settled, timeout=60)
    busy, nobody, fine = (rows[f"{n}@example.ma"] for n in ("busy", "nobody", "fine"))
    assert (busy.state, busy.attempts) == ("failed", 3)  # three tries, one and two seconds apart
    assert busy.last_error == "SMTP 451: 4.2.1 Mailbox busy, try later"
    assert (nobody.state, nobody.attempts) == ("failed", 1)  # a 5xx is not retried
    assert nobody.last_error == "SMTP 550: 5.1.1 No such user"
    assert fine.state == "sent" and len(sink.to("fine@example.ma")) == 1
    assert sink.handler.refused_count == 4


def test_the_sweep_delivers_what_a_lost_task_left_behind(live, sink):
    from workers.notifications import _deliver_after_commit, notifications_sweep

    tetouan, tanger = live["tetouan"], live["tanger"]
    outbox_ready.disconnect(dispatch_uid="workers.notifications.outbox_ready")
    try:  # as if Redis had lost the delivery tasks
        for member in (tetouan, tanger):
            with tenant_context(member):
                record_many(3, "lost")
    finally:
        outbox_ready.connect(
            _deliver_after_commit, dispatch_uid="workers.notifications.outbox_ready"
        )
    time.sleep(1)
    assert sink.messages == []
    notifications_sweep.apply_async(kwargs={"spread_seconds": 0})
    wait_for(lambda: len(sink.messages) >= 6)
    assert states(tetouan) == {"sent": 3} and states(tanger) == {"sent": 3}
    assert connection.schema_name == "public"


def test_a_suspended_member_s_mail_waits_in_its_outbox_until_it_is_resumed(live, sink):
    from network.members.models import Member
    from workers.notifications import notifications_sweep

    tetouan, tanger = live["tetouan"], live["tanger"]
    Member.objects.filter(pk=tanger.pk).update(suspended_at=timezone.now())
    try:
        for member in (tetouan, tanger):
            with tenant_context(member):
                record_many(2, "held")
        wait_for(lambda: len(sink.messages) >= 2)  # Tétouan's, handed over after commit
        swept = notifications_sweep.apply_async(kwargs={"spread_seconds": 0}).get(timeout=60)
        assert swept == Member.objects.active().count()  # Tanger is not swept
        time.sleep(1)
        assert len(sink.messages) == 2
        assert states(tetouan) == {"sent": 2} and states(tanger) == {"pending": 2}
    finally:
        Member.objects.filter(pk=tanger.pk).update(suspended_at=None)
    notifications_sweep.apply_async(kwargs={"spread_seconds": 0})  # resumed: its mail goes out
    wait_for(lambda: len(sink.messages) >= 4)
    assert states(tanger) == {"sent": 2}


def test_the_daily_digest_sweep_sends_one_e_mail_per_subscriber(live, sink):
    from tenants.notifications.models import Delivery
    from workers.notifications import notifications_digest_sweep

    tetouan = live["tetouan"]
    with tenant_context(tetouan):
        subscriber = follower("hiba@example.ma", "fr")
        Subscriber.objects.filter(pk=subscriber.pk).update(delivery=Delivery.DAILY)
        for title in ("Budget 2026", "Compte administratif 2025"):
            document_create(
                by=Actor(name="test"),
                category="budget_accounts",
                title_fr=title,
                link="https://example.ma/d.pdf",
            )
    time.sleep(1)
    assert sink.messages == []  # digest items wait for their digest
    notifications_digest_sweep.apply_async(kwargs={"delivery": "daily", "spread_seconds": 0})
    (digest,) = wait_for(lambda: sink.to("hiba@example.ma"))
    assert digest.subject.startswith("Votre récapitulatif quotidien") and "(2)" in digest.subject
    assert "Budget 2026" in digest.body and "Compte administratif 2025" in digest.body
    time.sleep(1)
    assert len(sink.messages) == 1
    assert states(tetouan) == {"sent": 1, "grouped": 2}
