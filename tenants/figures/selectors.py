"""The member's figures for the network's snapshot (runs in the current member's schema).

Each figure is defined once, by the selectors of the member's apps: a few querysets
(`figure_queries`) and the code that turns their rows into figures (`figures_from_rows`).
`member_figures()` runs the querysets here, in the current member's schema; the network's
sweep (network/aggregation/sweep.py) compiles the very same querysets to SQL once and runs
them over many members' schemas in one statement, then calls `figures_from_rows` on what
comes back. Rows travel as JSON on both paths, so both give the same figures (tested).
"""

import json
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, IntegerField, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from tenants.consultations.models import Consultation
from tenants.consultations.selectors import (
    SHARE_AGGREGATES,
    consultation_aggregates,
    consultation_figures_from_rows,
    consultation_published_comments,
)
from tenants.documents.models import Category
from tenants.documents.selectors import category_freshness_from_rows, category_freshness_rows
from tenants.ideas.selectors import idea_aggregates, idea_figures_from_row, idea_published
from tenants.information_requests.models import InformationRequest
from tenants.information_requests.selectors import (
    information_request_aggregates,
    information_request_figures_from_row,
)
from tenants.meetings.models import Attendance, Meeting
from tenants.petitions.selectors import petition_figure_rows, petition_figures_from_rows
from tenants.programme.models import Commitment, Completion, Principle, Programme, ProgressUpdate
from tenants.programme.selectors import CommitmentStatus, progress_by_principle_from_rows

# Bumped when the figures' shape changes (the open-data schema says which version it is).
FIGURES_VERSION = 2  # 2: citizens' ideas
# The choices' codes, read once (a sweep computes 1,590 members' figures).
COMPLETIONS = tuple(Completion.values)
MEETING_KINDS = tuple(Meeting.Kind.values)
ATTENDANCE_CATEGORIES = tuple(Attendance.Category.values)
PRINCIPLES = frozenset(Principle.values)
CATEGORIES = frozenset(Category.values)


def _one_row(queryset: QuerySet, **aggregates) -> QuerySet:
    """`queryset.aggregate(**aggregates)`, but lazy: a queryset of exactly one row (no GROUP
    BY), so that it can be compiled to SQL and run elsewhere."""
    return (
        queryset.order_by()
        .annotate(_all=Value(1, output_field=IntegerField()))
        .values("_all")
        .annotate(**aggregates)
        .values(*aggregates)
    )


def _held(now: datetime) -> Q:
    """Meetings over by `now` (Meeting.is_held, in SQL): at their end, or their start."""
    return Q(starts_at__lt=now) & (Q(ends_at__isnull=True) | Q(ends_at__lt=now))


def _attendance_sums() -> dict:
    return {
        f"{category}_{gender}": Sum(
            f"attendance__{gender}", filter=Q(attendance__category=category)
        )
        for category in ATTENDANCE_CATEGORIES
        for gender in ("women", "men")
    }


def figure_queries(*, as_of: datetime) -> dict[str, QuerySet]:
    """The querysets every figure is computed from, as of one instant (a sweep computes every
    member as of the same one), each a handful of rows."""
    today = timezone.localdate(as_of)
    not_done = Q(milestones__done_on__isnull=True)
    return {
        # Every programme (a member has one or two): the current one is picked from these.
        "programmes": Programme.objects.order_by().values(
            "pk", "status", "period_start", "period_end", "adopted_on"
        ),
        # A row per commitment with its milestones counted (one join, no subquery).
        "commitments": (
            Commitment.objects.order_by()
            .values("pk", "programme_id", "principles", "completion", "end_date")
            .annotate(
                milestone_count=Count("milestones"),
                done=Count("milestones", filter=~not_done),
                due=Count("milestones", filter=not_done & Q(milestones__due_on__gte=today)),
                overdue=Count("milestones", filter=not_done & Q(milestones__due_on__lt=today)),
            )
        ),
        # A row per kind of meeting held, with its attendance by category and gender (one
        # join: the attendance rows of the meetings held).
        "meetings": (
            Meeting.objects.filter(_held(as_of))
            .order_by()
            .values("kind")
            .annotate(
                held=Count("pk", distinct=True),
                last_held_on=Max(TruncDate("starts_at")),
                **_attendance_sums(),
            )
        ),
        # The programme's last recorded change (OGP Local: the site updated every four months).
        "programme_changes": _one_row(
            ProgressUpdate.objects.all(), last_change=Max(TruncDate("at"))
        ),
        "consultations": _one_row(Consultation.objects.all(), **consultation_aggregates(now=as_of)),
        "comments": _one_row(consultation_published_comments(), **SHARE_AGGREGATES),
        "information_requests": _one_row(
            InformationRequest.objects.all(), **information_request_aggregates(today=today)
        ),
        "petitions": petition_figure_rows(),
        "documents": category_freshness_rows(),
        # Published ideas joined to their supports (one join).
        "ideas": _one_row(idea_published(), **idea_aggregates()),
    }


def rows_as_json(rows) -> list[dict]:
    """Rows as the sweep receives them from PostgreSQL's json_agg: plain JSON values."""
    return json.loads(json.dumps(list(rows), cls=DjangoJSONEncoder))


def _days_since(value: str | None, today: date) -> int | None:
    return None if value is None else (today - date.fromisoformat(value)).days


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures_from_rows(rows: dict[str, list[dict]], *, today: date) -> dict:
    """The figures from the rows of figure_queries (as JSON values); plain JSON data."""
    # The current programme, as programme_current() picks it: the latest first year, then id.
    programme = max(rows["programmes"], key=lambda p: (p["period_start"], p["pk"]), default=None)
    commitments = [
        c for c in rows["commitments"] if programme and c["programme_id"] == programme["pk"]
    ]
    by_completion = dict.fromkeys(COMPLETIONS, 0)
    by_status = {
        CommitmentStatus.COMPLETE: 0,
        CommitmentStatus.LATE: 0,
        CommitmentStatus.ONGOING: 0,
    }
    milestones = {"total": 0, "done": 0, "due": 0, "overdue": 0}
    for row in commitments:
        by_completion[row["completion"]] += 1
        # As commitment_list(status=...): late once a milestone or the end date has passed.
        late = row["overdue"] > 0 or (
            row["end_date"] is not None and row["end_date"] < today.isoformat()
        )
        by_status[
            CommitmentStatus.COMPLETE
            if row["completion"] == Completion.COMPLETE
            else CommitmentStatus.LATE
            if late
            else CommitmentStatus.ONGOING
        ] += 1
        milestones["total"] += row["milestone_count"]
        for key in ("done", "due", "overdue"):
            milestones[key] += row[key]
    progress = progress_by_principle_from_rows(
        [(row["principles"], row["completion"]) for row in commitments]
    )
    total_commitments = len(commitments)
    completion_percent = (
        round(
            sum(p.percent * p.commitments for p in progress) / sum(p.commitments for p in progress)
        )
        if any(p.commitments for p in progress)
        else None
    )

    meetings = {row["kind"]: row for row in rows["meetings"]}
    by_kind = {kind: meetings.get(kind, {}).get("held", 0) for kind in MEETING_KINDS}
    last_held = {kind: meetings[kind]["last_held_on"] for kind in meetings}
    by_category = {
        category: {
            gender: sum(row[f"{category}_{gender}"] or 0 for row in rows["meetings"])
            for gender in ("women", "men")
        }
        for category in ATTENDANCE_CATEGORIES
    }
    women = sum(c["women"] for c in by_category.values())
    men = sum(c["men"] for c in by_category.values())

    requests = information_request_figures_from_row(rows["information_requests"][0])
    documents = category_freshness_from_rows(rows["documents"])
    # As tenants.programme.selectors.minimum_requirements: the programme's history or the library.
    last_content_change = max(
        [
            day
            for day in [
                rows["programme_changes"][0]["last_change"],
                *(d.last_updated for d in documents),
            ]
            if day
        ],
        default=None,
    )
    return {
        "version": FIGURES_VERSION,
        "as_of": today.isoformat(),
        "programme": {
            "stage": programme["status"] if programme else None,
            "period_start": programme["period_start"] if programme else None,
            "period_end": programme["period_end"] if programme else None,
            "adopted_on": programme["adopted_on"] if programme else None,
            "last_content_change": last_content_change,
        },
        "commitments": {
            "total": total_commitments,
            "by_status": by_status,
            "by_completion": by_completion,
            "by_principle": {
                p.principle: {"commitments": p.commitments, "percent": p.percent}
                for p in progress
                if p.principle in PRINCIPLES
            },
            "completion_percent": completion_percent,
        },
        "milestones": milestones,
        "meetings": {
            "held": sum(by_kind.values()),
            "by_kind": by_kind,
            "last_held_on": last_held,
            "participants": {
                "total": women + men,
                "women": women,
                "men": men,
                "women_share": _share(women, women + men),
                "by_category": by_category,
            },
        },
        "consultations": consultation_figures_from_rows(
            rows["consultations"][0], rows["comments"][0]
        ),
        "information_requests": dict(requests),
        "petitions": petition_figures_from_rows(rows["petitions"]),
        "ideas": idea_figures_from_row(rows["ideas"][0]),
        "documents": {
            "total": sum(d.count for d in documents),
            "by_category": {
                d.category: {
                    "count": d.count,
                    "last_updated": d.last_updated,
                    "days_since_update": _days_since(d.last_updated, today),
                }
                for d in documents
                if d.category in CATEGORIES
            },
        },
    }


def member_figures(*, as_of: datetime | None = None) -> dict:
    """The current member's figures, computed in its own schema (10 small queries)."""
    as_of = as_of or timezone.now()
    rows = {name: rows_as_json(queryset) for name, queryset in figure_queries(as_of=as_of).items()}
    return figures_from_rows(rows, today=timezone.localdate(as_of))
