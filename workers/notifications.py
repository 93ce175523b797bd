"""Jobs of the `notifications` queue: deliver a member's outbox, sweep, digests.

A member's outbox is handed over after each commit that recorded something
(`outbox_ready`, sent by tenants/notifications): one delivery task per member and transaction.
The task claims and sends batches until nothing is due (tenants/notifications/delivery.py says
why a redelivered task neither loses nor duplicates), then comes back by itself when a retry
falls due. A sweep (beat) covers tasks lost with the broker; digests are beat jobs too.
A newsletter confirmed in the workspace (`newsletter_confirmed`) is recorded here, in batches,
rather than in the editor's request.
"""

import logging
from types import SimpleNamespace

from django.core.cache import cache
from django.db import OperationalError, connection
from django.dispatch import receiver
from django.utils import timezone

from tenants.notifications.delivery import notifications_deliver
from tenants.notifications.digests import notifications_digest_group, notifications_purge
from tenants.notifications.newsletter_services import newsletter_record
from tenants.notifications.signals import newsletter_confirmed, outbox_ready
from workers.app import app
from workers.fanout import for_each_member

logger = logging.getLogger(__name__)


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notifications_deliver_for_member(self) -> dict:
    """Runs in one member: send what is due, and come back when the next retry is due.
    A suspended member's mail waits in its outbox: resuming it hands the outbox over again."""
    if connection.tenant.is_suspended:
        return {}
    report = notifications_deliver()
    if report.next_in is not None:
        _come_back(self, report.next_in)
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed}


def _come_back(task, seconds: float) -> None:
    # One follow-up per member and due second, however many tasks see the same row waiting.
    due = int(timezone.now().timestamp() + seconds) + 1
    if cache.add(f"notifications:follow-up:{due}", 1, timeout=int(seconds) + 60):
        task.apply_async_for_member(connection.tenant, countdown=seconds + 0.5)


@receiver(outbox_ready, dispatch_uid="workers.notifications.outbox_ready")
def _deliver_after_commit(sender, *, schema_name: str, **kwargs) -> None:
    member = SimpleNamespace(schema_name=schema_name)  # all the hand-over needs of a member
    notifications_deliver_for_member.apply_async_for_member(member)


# A newsletter task records for this long, then sends itself again for the rest: well under the
# queue's soft time limit (workers/app.py), and the delivery tasks get their turn meanwhile.
NEWSLETTER_SLICE_SECONDS = 60


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def newsletter_record_for_member(self, newsletter_id: int, site_url: str = "") -> dict:
    """Runs in one member: record a confirmed newsletter's e-mails (their delivery is handed
    over after each batch's commit like any notification). A retry, a redelivery or a second
    task starts after the last batch committed: nothing is recorded twice."""
    report = newsletter_record(
        newsletter_id=newsletter_id, site_url=site_url, seconds=NEWSLETTER_SLICE_SECONDS
    )
    if not report.done:
        self.apply_async_for_member(connection.tenant, args=[newsletter_id, site_url])
    return {"recorded": report.recorded, "done": report.done}


@receiver(newsletter_confirmed, dispatch_uid="workers.notifications.newsletter_confirmed")
def _record_newsletter(
    sender, *, schema_name: str, newsletter_id: int, site_url: str, **kwargs
) -> None:
    member = SimpleNamespace(schema_name=schema_name)
    newsletter_record_for_member.apply_async_for_member(member, args=[newsletter_id, site_url])


@app.task
def notifications_sweep(spread_seconds: int = 60) -> int:
    """Beat: every member's due notifications, in case a delivery task was lost."""
    return for_each_member(
        notifications_deliver_for_member, spread_seconds=spread_seconds, skip_suspended=True
    )


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notifications_digest_for_member(self, delivery: str) -> int:
    """Runs in one member: one digest per subscriber of that frequency (delivered after
    commit like any notification); the daily run also purges the long-settled rows."""
    recorded = notifications_digest_group(delivery=delivery)
    if delivery == "daily":
        notifications_purge()
    return recorded


@app.task
def notifications_digest_sweep(delivery: str, spread_seconds: int = 600) -> int:
    return for_each_member(
        notifications_digest_for_member,
        spread_seconds=spread_seconds,
        kwargs={"delivery": delivery},
        skip_suspended=True,
    )
