"""The whole network's snapshots from one command, over a few processes (public schema).

The workers do the same in production (workers/aggregation.py: one task per chunk); this is
for operators (`manage.py aggregate_network`) and for the benchmark.
"""

import multiprocessing
from collections.abc import Callable
from datetime import datetime
from functools import partial

from django.db import connection, reset_queries
from django.utils import timezone

from network.aggregation.selectors import CHUNK_SIZE, member_id_chunks
from network.aggregation.services import snapshots_refresh_for_members


def snapshots_refresh_chunk_on_fresh_connection(member_ids: list[int], as_of: datetime) -> int:
    """One chunk of the full refresh on a connection of its own: it reads every member's
    catalog in the chunk, so it is never kept (nor, with DEBUG on, its statements' text)."""
    connection.close()
    try:
        return snapshots_refresh_for_members(member_ids=member_ids, as_of=as_of)
    finally:
        connection.close()
        reset_queries()


def snapshots_refresh_network(
    *,
    processes: int = 2,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Refresh every ready member's snapshot; returns how many were written."""
    chunks = member_id_chunks(chunk_size=chunk_size)
    refresh = partial(
        snapshots_refresh_chunk_on_fresh_connection, as_of=timezone.now()
    )  # every member as of one instant
    done = 0
    if processes <= 1:
        for chunk in chunks:
            done += refresh(chunk)
            if progress:
                progress(len(chunk))
        return done
    connection.close()  # the children must not share the parent's socket
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for count in pool.imap_unordered(refresh, chunks):
            done += count
            if progress:
                progress(count)
    return done
