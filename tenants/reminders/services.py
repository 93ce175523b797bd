"""Sending the reminders that are due (the current member's schema; run by the workers'
sweep, `workers/reminders.py`, once per member).

A sweep first flags the information requests whose deadline passed (the requester is told,
once: `information_requests_flag_overdue`), then records every reminder due at `now` in the
outbox (`notification_record`), each under its idempotency key: a reminder already recorded
is not recorded again, so running the sweep twice, late, or after the broker lost its queue
sends each reminder once and loses none. The workers deliver the outbox after commit.
"""

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from tenants.information_requests.services import information_requests_flag_overdue
from tenants.meetings.models import Registration
from tenants.notifications.models import Notification
from tenants.notifications.recording import notification_record
from tenants.petitions.services import petition_settings_get
from tenants.reminders.selectors import reminders_due
from tenants.site.selectors import site_profile_get


def reminders_send(*, now: datetime | None = None, site_url: str = "") -> dict[str, int]:
    """Record the reminders due at `now` (default: now) that were not recorded yet.

    Returns how many of each kind were recorded by this call, and under `"requests_flagged"`
    how many overdue requests were flagged. `site_url` (the member site's address) puts links
    in the e-mails.
    """
    now = now or timezone.now()
    recorded: Counter[str] = Counter()
    recorded["requests_flagged"] = information_requests_flag_overdue(
        today=timezone.localdate(now), site_url=site_url
    )
    with transaction.atomic():
        session_months = list(petition_settings_get().session_months)
        profile = site_profile_get()
        due = reminders_due(now=now, session_months=session_months, site_url=site_url)
        recorded_before = _recorded_keys([reminder.key for reminder in due])
        reminded_registrations = []
        for reminder in due:
            if reminder.key in recorded_before or _record(reminder, profile) is None:
                continue  # recorded by an earlier sweep: sent, or being sent
            recorded[reminder.kind] += 1
            if reminder.registration_id:
                reminded_registrations.append(reminder.registration_id)
        if reminded_registrations:
            Registration.objects.filter(pk__in=reminded_registrations).update(reminded_at=now)
    return dict(recorded)


def _recorded_keys(keys: list[str]) -> set[str]:
    """Which of `keys` the outbox holds already (one query a thousand keys, rather than one a
    reminder: a consultation may have thousands of followers)."""
    recorded = set()
    for start in range(0, len(keys), 1000):
        recorded.update(
            Notification.objects.filter(key__in=keys[start : start + 1000]).values_list(
                "key", flat=True
            )
        )
    return recorded


def _record(reminder, profile):
    context = reminder.full_context()
    return notification_record(
        key=reminder.key,
        recipient_email=reminder.recipient.email,
        language=reminder.recipient.language,
        template=reminder.template,
        context=context,
        kind=reminder.kind,
        profile=profile,
        unsubscribe_url=context.get("unsubscribe_url", ""),
    )
