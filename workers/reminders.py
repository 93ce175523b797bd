"""Scheduled reminders (queue `reminders`): one beat entry, fanned out over the ready members.

Reminders are derived from each member's data at every sweep and marked sent by their
idempotency key in the member's outbox (tenants/reminders), so the broker holds nothing that
matters: a Redis restart or a missed tick loses no reminder (the next sweep sends what fell
due meanwhile) and a sweep run twice sends nothing twice. Beat runs the sweep three times a
day, so that one missed tick is caught up the same day.
"""

from datetime import datetime

from django.db import OperationalError, connection

from tenancy.addresses import current_member_site_url
from tenants.reminders.services import reminders_send
from workers.app import app
from workers.fanout import for_each_member


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def reminders_for_member(self, now: str | None = None) -> dict[str, int]:
    """Runs in one member: record the reminders due (and flag the overdue information
    requests). `now` (ISO 8601) runs the sweep as of another moment: for operators catching
    up by hand, and for tests."""
    if connection.tenant.is_suspended:
        return {}  # suspended after the sweep sent this: its people are not written to
    moment = datetime.fromisoformat(now) if now else None
    return reminders_send(now=moment, site_url=current_member_site_url())


@app.task
def reminders_sweep(spread_seconds: int = 600, now: str | None = None) -> int:
    """Send `reminders_for_member` to every ready member (public schema)."""
    return for_each_member(
        reminders_for_member,
        spread_seconds=spread_seconds,
        kwargs={"now": now} if now else None,
        skip_suspended=True,
    )
