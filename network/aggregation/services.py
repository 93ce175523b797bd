"""Writing the members' snapshots (public schema).

Two ways to the same snapshot: one member at a time in its own schema
(`snapshot_refresh_for_member`, after a change) and many members a round trip at a time
(`snapshots_refresh_for_members`, network/aggregation/sweep.py, the scheduled full refresh).
Both end in `snapshots_save`, which derives the typed columns and the scorecard from the
figures.
"""

import json
from datetime import datetime

from django.db import connections, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from network.aggregation.models import MemberSnapshot
from network.aggregation.scorecard import scorecard_from_figures
from network.members.models import Member

COLUMNS = [
    "refreshed_at",
    "figures",
    "scorecard",
    "programme_stage",
    "commitments",
    "completion_percent",
    "milestones_overdue",
    "meetings_held",
    "participants",
    "response_share",
    "requests_received",
    "on_time_share",
    "documents",
    "score",
]


def snapshot_build(*, member_id: int, figures: dict, refreshed_at=None) -> MemberSnapshot:
    """A snapshot (unsaved) from a member's figures: the typed columns and the scorecard are
    derived here, from the figures alone."""
    scorecard = scorecard_from_figures(figures)
    consultations = figures["consultations"]
    return MemberSnapshot(
        member_id=member_id,
        refreshed_at=refreshed_at or timezone.now(),
        figures=figures,
        scorecard=scorecard,
        programme_stage=figures["programme"]["stage"] or "",
        commitments=figures["commitments"]["total"],
        completion_percent=figures["commitments"]["completion_percent"],
        milestones_overdue=figures["milestones"]["overdue"],
        meetings_held=figures["meetings"]["held"],
        participants=figures["meetings"]["participants"]["total"],
        response_share=(
            None
            if consultations["response_share"] is None
            else consultations["response_share"] / 100
        ),
        requests_received=figures["information_requests"]["received"],
        on_time_share=figures["information_requests"]["on_time_share"],
        documents=figures["documents"]["total"],
        score=sum(scorecard.values()),
    )


@transaction.atomic
def snapshots_save(*, snapshots: list[MemberSnapshot]) -> int:
    """Insert or update the snapshots in one statement (INSERT ... ON CONFLICT DO UPDATE).

    The rows travel as one JSON array, a single parameter: a placeholder per value made psycopg
    split the long statement again for each chunk (a fifth of a sweep's Python time), and
    bulk_create(update_conflicts=True)'s UNNEST of one array per column spent more time
    quoting the figures into arrays than the database spent on them."""
    if not snapshots:
        return 0
    db = connections[MemberSnapshot.objects.db]  # once: `connection` is a proxy
    fields = [MemberSnapshot._meta.get_field(name) for name in ["member", *COLUMNS]]
    rows = [
        {field.column: getattr(snapshot, field.attname) for field in fields}
        for snapshot in snapshots
    ]
    table = MemberSnapshot._meta.db_table
    columns = ", ".join(field.column for field in fields)
    updates = ", ".join(f"{field.column} = EXCLUDED.{field.column}" for field in fields[1:])
    with db.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} "
            f"FROM json_populate_recordset(NULL::{table}, %s::json) "
            f"ON CONFLICT (member_id) DO UPDATE SET {updates}",
            [json.dumps(rows, default=_json_value)],
        )
    return len(snapshots)


def _json_value(value):
    if isinstance(value, datetime):
        return value.isoformat()  # to the microsecond, with its offset
    raise TypeError(f"not a snapshot value: {value!r}")


def snapshot_figures_for_member(*, member: Member, as_of: datetime | None = None) -> dict:
    """The member's figures, computed in the member's own schema by its selector."""
    from tenants.figures.selectors import member_figures

    with tenant_context(member):
        return member_figures(as_of=as_of)


def snapshot_refresh_for_member(*, member: Member, as_of: datetime | None = None) -> MemberSnapshot:
    """Refresh one member's snapshot from its own schema (a change, an operator's command)."""
    snapshot = snapshot_build(
        member_id=member.pk, figures=snapshot_figures_for_member(member=member, as_of=as_of)
    )
    snapshots_save(snapshots=[snapshot])
    return snapshot


def snapshots_refresh_for_members(*, member_ids: list[int], as_of: datetime | None = None) -> int:
    """Refresh many members' snapshots at once: a statement per member reads its figures,
    25 to a round trip (sweep.py), and one statement writes the snapshots."""
    from network.aggregation.sweep import figures_for_members

    members = dict(
        Member.objects.ready().filter(pk__in=member_ids).values_list("schema_name", "pk")
    )
    refreshed_at = timezone.now()
    figures = figures_for_members(schema_names=list(members), as_of=as_of)
    return snapshots_save(
        snapshots=[
            snapshot_build(
                member_id=members[schema], figures=member_figures, refreshed_at=refreshed_at
            )
            for schema, member_figures in figures.items()
        ]
    )
