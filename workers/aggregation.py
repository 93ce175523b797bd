"""Aggregation jobs (queue `aggregation`): the members' snapshots in the public schema.

- `snapshots_refresh_all` (beat): splits the ready members into chunks and sends one
  `snapshots_refresh_chunk` per chunk; the workers run the chunks in parallel, each on a
  fresh connection, a statement per member sent 25 at a time (network/aggregation/sweep.py).
- `member_content_changed` (platform/events, after commit) schedules one refresh of that
  member per debounce window (Redis SET NX EX + countdown), however many changes it makes.

Every task runs in the public schema and is idempotent: a snapshot is recomputed from the
member's data, so running it twice, late or after a lost worker changes nothing.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import OperationalError
from django.utils import timezone
from django_redis import get_redis_connection
from django_tenants.utils import get_public_schema_name

from events import member_content_changed
from network.aggregation.bulk import snapshots_refresh_chunk_on_fresh_connection
from network.aggregation.selectors import CHUNK_SIZE, member_id_chunks
from network.aggregation.services import snapshot_refresh_for_member
from network.members.models import Member
from workers.app import app

logger = logging.getLogger(__name__)


def debounce_key(schema_name: str) -> str:
    """The Redis key that holds a member's debounce window. Raw Redis, not the cache: the
    cache's keys carry the current schema (django_tenants make_key), and the window is opened
    from the member's schema but closed from the public one."""
    return f"{settings.CACHES['default']['KEY_PREFIX']}:aggregation:refresh:{schema_name}"


@app.task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def snapshots_refresh_chunk(member_ids: list[int], as_of: str | None = None) -> int:
    """Refresh the snapshots of these members (public schema), on a fresh connection, as of
    the sweep's instant (ISO 8601)."""
    return snapshots_refresh_chunk_on_fresh_connection(
        member_ids, datetime.fromisoformat(as_of) if as_of else timezone.now()
    )


@app.task
def snapshots_refresh_all(chunk_size: int = CHUNK_SIZE) -> int:
    """Fan the full refresh out in chunks (beat); returns how many chunks were sent."""
    chunks = member_id_chunks(chunk_size=chunk_size)
    as_of = timezone.now().isoformat()  # every member as of one instant
    for chunk in chunks:
        snapshots_refresh_chunk.delay(chunk, as_of=as_of)
    return len(chunks)


@app.task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def snapshot_refresh_member(schema_name: str) -> bool:
    """Refresh one member's snapshot after a change (runs in the public schema, reads the
    member's schema). False when the member is unknown or not ready."""
    get_redis_connection("default").delete(debounce_key(schema_name))  # later changes: new run
    member = Member.objects.ready().filter(schema_name=schema_name).first()
    if member is None:
        return False
    snapshot_refresh_for_member(member=member)  # tenant_context: back in the schema it found
    return True


def snapshot_refresh_schedule(*, schema_name: str) -> bool:
    """One refresh per member per debounce window: the first change of a window schedules it
    at the end of the window (so that it sees the window's later changes too)."""
    window = settings.AGGREGATION_DEBOUNCE_SECONDS
    if not get_redis_connection("default").set(debounce_key(schema_name), 1, nx=True, ex=window):
        return False
    # Sent from the member's schema (the signal comes from there): run it in the public one.
    snapshot_refresh_member.apply_async(
        args=[schema_name], countdown=window, headers={"_schema_name": get_public_schema_name()}
    )
    return True


def _on_member_content_changed(sender, schema_name: str, **kwargs) -> None:
    try:
        snapshot_refresh_schedule(schema_name=schema_name)
    except Exception:  # the member's change is committed: never fail it over a snapshot
        logger.exception("Could not schedule the snapshot refresh of %s", schema_name)


member_content_changed.connect(
    _on_member_content_changed, dispatch_uid="workers.aggregation.snapshot_refresh"
)
