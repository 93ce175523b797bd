"""Fanning a network-wide sweep out over the ready members, in chunks, with jitter."""

import random

from network.members.models import Member

DEFAULT_SPREAD_SECONDS = 300


def for_each_member(
    task,
    *,
    spread_seconds: int = DEFAULT_SPREAD_SECONDS,
    args=(),
    kwargs=None,
    skip_suspended: bool = False,
) -> int:
    """Send `task` once per ready member, spread over `spread_seconds` so that 1,590 members
    do not hit the database at the same tick. Returns how many were sent.

    `skip_suspended`: not to suspended members either (jobs that write to people)."""
    members = Member.objects.active() if skip_suspended else Member.objects.ready()
    members = members.only("pk", "schema_name")
    sent = 0
    for member in members.iterator(chunk_size=500):
        countdown = random.uniform(0, spread_seconds) if spread_seconds else 0
        task.apply_async_for_member(member, args=args, kwargs=kwargs, countdown=countdown)
        sent += 1
    return sent
