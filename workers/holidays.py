"""The official calendar changed (queue `reminders`): the members' open deadlines counted
again.

A holiday decision commits in the public schema (platform/citizens) and sends
`holiday_calendar_changed` with the days whose status it changes; the receiver below sends
`due_dates_recount_sweep`, which splits the ready members into batches of MEMBERS_PER_BATCH
and sends one `due_dates_recount_batch` per batch. A batch runs in the public schema, on a
connection of its own (it reads every member's catalog in the batch), and asks all its members
at once: only the requests and complaints whose counting window holds a changed day are read,
the moved dates written back a statement per member, sent together, and the people told in
bulk (tenants/reminders/calendar_hooks.py). Idempotent: a recount that finds
nothing to move writes nothing, and e-mails are keyed by request and new date.
"""

import logging
from datetime import date

from django.db import OperationalError, connection, reset_queries
from django.db.models import Prefetch
from django_tenants.utils import get_public_schema_name

from citizens.signals import holiday_calendar_changed
from citizens.working_days import calendar_current
from network.members.models import Domain, Member
from tenancy.addresses import member_site_url
from tenants.reminders.calendar_hooks import due_dates_recount
from tenants.petitions.calendar_hooks import petition_due_dates_recount
from workers.app import app

logger = logging.getLogger(__name__)

# A batch's work is a few round trips whatever its size; 1,590 members make 32 batches, which
# the workers share out evenly.
MEMBERS_PER_BATCH = 50


def members_due_dates_recount(schema_names: list[str], days: list[date] | None = None) -> dict:
    """Recount the deadlines of these members (public schema) whose window holds one of
    `days` (None: every open deadline), with the calendar as now recorded; what moved. A
    suspended member's dates are recounted too; its people are not written to."""
    calendar_current(check=True)  # never the copy this worker held before the decision
    members = list(
        Member.objects.ready()
        .filter(schema_name__in=schema_names)
        .order_by("pk")
        .prefetch_related(
            Prefetch("domains", Domain.objects.filter(is_primary=True), to_attr="primary_domains")
        )
    )
    recounts = due_dates_recount(
        members=members,
        days=days,
        site_urls={m.schema_name: member_site_url(m) for m in members},
    )
    return {
        "members": len(members),
        "information_requests": sum(len(r.moved) for r in recounts.values()),
        "complaints": sum(r.complaints for r in recounts.values()),
        "told": sum(r.told for r in recounts.values()),
        "petitions": petition_due_dates_recount(members=members, days=days),
    }


@app.task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def due_dates_recount_batch(schema_names: list[str], days: list[str] | None = None) -> dict:
    """`members_due_dates_recount` on a connection of its own (`days`: ISO dates): it reads
    the catalog of every member of the batch, so it is never kept."""
    connection.close()
    try:
        return members_due_dates_recount(
            schema_names, None if days is None else [date.fromisoformat(day) for day in days]
        )
    finally:
        connection.close()
        reset_queries()


def recount_batches() -> list[list[str]]:
    """The ready members' schemas, in batches (public schema)."""
    schemas = list(Member.objects.ready().order_by("pk").values_list("schema_name", flat=True))
    return [schemas[i : i + MEMBERS_PER_BATCH] for i in range(0, len(schemas), MEMBERS_PER_BATCH)]


@app.task
def due_dates_recount_sweep(days: list[str] | None = None) -> int:
    """Send `due_dates_recount_batch` for every batch of ready members (public schema);
    returns how many batches were sent."""
    batches = recount_batches()
    for schema_names in batches:
        due_dates_recount_batch.apply_async(
            args=[schema_names, days], headers={"_schema_name": get_public_schema_name()}
        )
    return len(batches)


def _on_holiday_calendar_changed(
    sender, decision_id: int, days: list[date] | None = None, **kwargs
) -> None:
    try:
        due_dates_recount_sweep.apply_async(
            kwargs={"days": None if days is None else [day.isoformat() for day in days]},
            headers={"_schema_name": get_public_schema_name()},
        )
    except Exception:  # the decision is committed: the operator can run the sweep by hand
        logger.exception("Could not send the due dates' recount after decision %s", decision_id)


holiday_calendar_changed.connect(
    _on_holiday_calendar_changed, dispatch_uid="workers.holidays.due_dates_recount"
)
