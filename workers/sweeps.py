"""Network-wide sweeps run by beat (queue `aggregation`)."""
import logging

from django.conf import settings
from django.db import OperationalError, connection

from network.members.schema_migrations import member_schema_names, pending_migrations_by_member
from network.members.selectors import member_directory, member_site_url
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
    return {"schema_name": connection.schema_name, "hcp_code": profile.hcp_code if profile else None}


@app.task
def members_ping_sweep(spread_seconds: int = 300) -> int:
    return for_each_member(member_ping, spread_seconds=spread_seconds)


@app.task(bind=True, queue="reminders", autoretry_for=(OperationalError,), retry_backoff=True,
          max_retries=5)
def information_requests_overdue_for_member(self) -> int:
    """Runs in one member: requesters past their deadline are told, once (law 31.13)."""
    from tenants.information_requests.services import information_requests_flag_overdue

    return information_requests_flag_overdue(site_url=_member_site_url())


@app.task
def information_requests_overdue_sweep(spread_seconds: int = 600) -> int:
    return for_each_member(information_requests_overdue_for_member, spread_seconds=spread_seconds)


def _member_site_url() -> str:
    """The current member's own address, for links in e-mails sent by a worker."""
    member = member_directory().filter(pk=connection.tenant.pk).first()
    return member_site_url(member, scheme="http" if settings.DEBUG else "https") if member else ""
