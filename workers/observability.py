"""Measurements for the metrics scrape (queue `aggregation`, public schema)."""

from django.db import connection

from network.members.models import Member
from observability.outbox import outbox_backlog_measure_for_members, outbox_backlog_store
from workers.app import app


@app.task  # its time limits: workers/app.py
def outbox_backlog_measure() -> dict[str, int]:
    """Every ready member's outbox backlog by state, summed, stored for /metrics."""
    names = list(Member.objects.ready().values_list("schema_name", flat=True))
    totals = outbox_backlog_measure_for_members(schema_names=names)
    outbox_backlog_store(totals)
    connection.close()  # this connection read every member's catalog: do not keep it
    return totals
