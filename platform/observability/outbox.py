"""The members' outbox backlog, measured by the workers and stored for the metrics scrape.

Measured in one statement per chunk of members (a UNION ALL over their schemas, by the index on
state), every few minutes: never a query per member on each scrape.
"""

import json
import time

from django.db import connection

from observability.metrics import _redis, redis_key

BACKLOG_STATES = ("pending", "sending", "failed")
CHUNK = 200


def outbox_backlog_measure_for_members(*, schema_names: list[str]) -> dict[str, int]:
    """Notifications waiting, by state, summed over these members' schemas (any schema)."""
    totals = dict.fromkeys(BACKLOG_STATES, 0)
    states = ", ".join(f"'{state}'" for state in BACKLOG_STATES)
    with connection.cursor() as cursor:
        for start in range(0, len(schema_names), CHUNK):
            chunk = schema_names[start : start + CHUNK]
            union = " UNION ALL ".join(
                f"SELECT state FROM {connection.ops.quote_name(name)}.notifications_notification "
                f"WHERE state IN ({states})"
                for name in chunk
            )
            cursor.execute(f"SELECT state, count(*) FROM ({union}) AS rows GROUP BY state")
            for state, count in cursor.fetchall():
                totals[state] += count
    return totals


def outbox_backlog_store(totals: dict[str, int]) -> None:
    _redis().set(redis_key("outbox"), json.dumps({"states": totals, "measured_at": time.time()}))


def outbox_backlog_read() -> dict:
    raw = _redis().get(redis_key("outbox"))
    if raw is None:
        return {"states": {}, "measured_at": 0.0}
    return json.loads(raw)
