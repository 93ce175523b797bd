"""The daily retention purge (queue `reminders`): one beat entry, fanned out over the ready
members; each member purges what its retention table says is due (tenants/privacy/retention.py).

Idempotent: what was purged is blank or gone, so a task delivered twice purges nothing more.
Suspended members are purged too: keeping data longer than its purpose is not a service to
stop.
"""

import logging
from datetime import date

from django.db import OperationalError, connection

from tenants.privacy.retention import retention_purge_run
from workers.app import app
from workers.fanout import for_each_member

logger = logging.getLogger(__name__)


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def retention_purge_for_member(self, today: str | None = None) -> dict[str, int]:
    """Runs in one member: purge what is due. `today` (ISO date) runs it as of another day."""
    counts = retention_purge_run(today=date.fromisoformat(today) if today else None)
    # Counts only: never whose data.
    logger.info("Retention purge in %s: %s", connection.schema_name, counts)
    return counts


@app.task
def retention_purge_sweep(spread_seconds: int = 1800, today: str | None = None) -> int:
    """Send `retention_purge_for_member` to every ready member (public schema)."""
    return for_each_member(
        retention_purge_for_member,
        spread_seconds=spread_seconds,
        kwargs={"today": today} if today else None,
    )
