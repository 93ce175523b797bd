"""Network-wide sweeps run by beat (queue `aggregation`)."""

import logging

from django.db import connection

from network.members.schema_migrations import member_schema_names, pending_migrations_by_member
from tenants.site.selectors import site_profile_get
from workers.app import app
from workers.fanout import for_each_member

logger = logging.getLogger(__name__)


@app.task
def members_schema_check() -> dict:
    """Report members whose schema lags behind the code's migrations (public schema)."""
    pending = pending_migrations_by_member(member_schema_names())
    for schema, nodes in pending.items():
        logger.warning("Member %s has %d pending migrations", schema, len(nodes))
    connection.close()  # this connection read every schema's catalog: do not keep it
    return {"members_behind": sorted(pending)}


@app.task
def member_ping() -> dict:
    """Runs in one member's schema: proves a worker reaches that member's data."""
    profile = site_profile_get()
    return {
        "schema_name": connection.schema_name,
        "hcp_code": profile.hcp_code if profile else None,
    }


@app.task
def members_ping_sweep(spread_seconds: int = 300) -> int:
    return for_each_member(member_ping, spread_seconds=spread_seconds)
