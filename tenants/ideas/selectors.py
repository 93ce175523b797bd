"""Reads of ideas (the current member's schema), each in a constant number of queries.

The public sees published ideas and comments only: never a pending or a hidden one, never an
e-mail, never a name its author chose to withhold (`public_name`); supports are counted once
confirmed.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from tenants.ideas.models import FINAL_ANSWERS, Answer, Event, Idea, IdeaComment, Status, Support
from tenants.programme.models import Commitment, Programme, ProgrammeStatus

PUBLISHED = Q(status=Status.PUBLISHED)
CONFIRMED_SUPPORTS = Count("supports", filter=Q(supports__confirmed_at__isnull=False))


# The phase -----------------------------------------------------------------------------------


def collection_programme() -> Programme | None:
    """The programme ideas are collected for: the member's current one (as
    programme_current() picks it), or None without a programme."""
    return Programme.objects.order_by("-period_start", "-pk").first()


def collection_is_open(programme: Programme | None) -> bool:
    """Ideas are collected while the programme is co-created, i.e. a draft: from its public
    consultation on, people comment on the draft instead (tenants/consultations), and the
    ideas stay readable."""
    return programme is not None and programme.status == ProgrammeStatus.DRAFT


# Public reads ------------------------------------------------------------------------------

SORTS = {"recent": ("-created_at", "-pk"), "supported": ("-support_count", "-created_at", "-pk")}
# The public list's filters: an answer, or "waiting" (no answer yet).
WAITING = "waiting"


def _supports_counted(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    # A subquery rather than a join: the page also counts comments, and two joins would
    # multiply each other's rows.
    def count(model, **filters):
        return Coalesce(
            Subquery(
                model.objects.filter(idea=OuterRef("pk"), **filters)
                .order_by()
                .values("idea")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )

    return ideas.annotate(
        support_count=count(Support, confirmed_at__isnull=False),
        comment_count=count(IdeaComment, status=Status.PUBLISHED),
    )


def idea_public_list(
    *,
    programme: Programme,
    principle: str | None = None,
    answer: str | None = None,
    sort: str | None = None,
) -> QuerySet[Idea]:
    """The programme's published ideas with their confirmed supports and published comments
    counted and the commitment or idea they led to; one query a page."""
    ideas = _supports_counted(
        Idea.objects.filter(PUBLISHED, programme=programme).select_related(
            "commitment", "merged_into"
        )
    )
    if principle:
        ideas = ideas.filter(principle=principle)
    if answer == WAITING:
        ideas = ideas.filter(answer="")
    elif answer in Answer.values:
        ideas = ideas.filter(answer=answer)
    return ideas.order_by(*SORTS.get(sort or "recent", SORTS["recent"]))


def idea_public_get(*, pk: int) -> Idea | None:
    """A published idea with what its page shows: its counts, the commitment or idea it led
    to, its published comments, the ideas merged into it and its public path (four queries)."""
    comments = IdeaComment.objects.filter(PUBLISHED).order_by("created_at", "pk")
    events = Event.objects.filter(kind__in=Event.PUBLIC_KINDS, comment__isnull=True)
    merged = Idea.objects.filter(PUBLISHED).order_by("created_at", "pk")
    return (
        _supports_counted(Idea.objects.filter(PUBLISHED, pk=pk))
        .select_related("programme", "commitment", "merged_into")
        .prefetch_related(
            Prefetch("comments", comments, to_attr="public_comments"),
            Prefetch("events", events, to_attr="public_events"),
            Prefetch("merged_ideas", merged, to_attr="public_merged_ideas"),
        )
        .first()
    )


def comment_public_get(*, pk: int) -> IdeaComment | None:
    return IdeaComment.objects.filter(PUBLISHED, idea__status=Status.PUBLISHED, pk=pk).first()


@dataclass(frozen=True)
class IdeaCounts:
    ideas: int
    supports: int
    answered: int
    retained: int

    @property
    def answered_percent(self) -> int | None:
        return round(100 * self.answered / self.ideas) if self.ideas else None

    @property
    def retained_percent(self) -> int | None:
        return round(100 * self.retained / self.ideas) if self.ideas else None


def idea_aggregates() -> dict:
    """Over published ideas joined to their supports (one join): ideas, confirmed supports,
    ideas with a final answer (retained, merged, not retained), ideas retained."""
    return {
        "ideas": Count("pk", distinct=True),
        "supports": CONFIRMED_SUPPORTS,
        "answered": Count("pk", distinct=True, filter=Q(answer__in=FINAL_ANSWERS)),
        "retained": Count("pk", distinct=True, filter=Q(answer=Answer.RETAINED)),
    }


def idea_published() -> QuerySet[Idea]:
    return Idea.objects.filter(PUBLISHED)


def idea_counts(*, programme: Programme | None = None) -> IdeaCounts:
    ideas = idea_published()
    if programme is not None:
        ideas = ideas.filter(programme=programme)
    return IdeaCounts(**ideas.aggregate(**idea_aggregates()))


def idea_figures_from_row(row: dict) -> dict:
    """The member's idea figures for the network's snapshot, from idea_aggregates' row."""
    counts = IdeaCounts(
        ideas=row["ideas"],
        supports=row["supports"] or 0,
        answered=row["answered"],
        retained=row["retained"],
    )
    return {
        "total": counts.ideas,
        "supports": counts.supports,
        "answered": counts.answered,
        "retained": counts.retained,
        "answered_share": round(counts.answered / counts.ideas, 4) if counts.ideas else None,
        "retained_share": round(counts.retained / counts.ideas, 4) if counts.ideas else None,
    }


def ideas_behind_commitment(*, commitment: Commitment) -> list[Idea]:
    """The published ideas retained as this commitment (one query)."""
    return list(
        Idea.objects.filter(PUBLISHED, commitment=commitment, answer=Answer.RETAINED).order_by(
            "created_at", "pk"
        )
    )


def ideas_behind_programme(*, programme: Programme) -> list[Idea]:
    """The published ideas retained into the programme's commitments, with their commitment
    (one query)."""
    return list(
        Idea.objects.filter(
            PUBLISHED, programme=programme, answer=Answer.RETAINED, commitment__isnull=False
        )
        .select_related("commitment")
        .order_by("commitment__number", "created_at", "pk")
    )


# Staff reads ---------------------------------------------------------------------------------

STAFF_WAITING = "waiting"  # published without an answer
STAFF_REPORTED = "reported"  # reported and no member of staff has decided


def idea_waiting() -> QuerySet[Idea]:
    """Published ideas without an official answer, oldest first (the staff inbox)."""
    return Idea.objects.filter(PUBLISHED, answer="").order_by("created_at", "pk")


def idea_staff_queue(*, state: str | None = None) -> QuerySet[Idea]:
    """Every idea for the staff: those without an answer first, then the others, oldest
    first; `state` STAFF_WAITING, STAFF_REPORTED, an answer, hidden or pending. One query a
    page (with its counts)."""
    reported = Q(
        report_count__gt=0, moderator_decided=False, status__in=[Status.PUBLISHED, Status.HIDDEN]
    )
    ideas = _supports_counted(Idea.objects.select_related("commitment", "merged_into"))
    if state == STAFF_WAITING:
        ideas = ideas.filter(PUBLISHED, answer="")
    elif state == STAFF_REPORTED:
        ideas = ideas.filter(reported)
    elif state in Answer.values:
        ideas = ideas.filter(answer=state)
    elif state in (Status.HIDDEN, Status.PENDING):
        ideas = ideas.filter(status=state)
    priority = Case(
        When(reported, then=Value(0)),
        When(PUBLISHED & Q(answer=""), then=Value(1)),
        When(answer=Answer.UNDER_STUDY, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return ideas.annotate(priority=priority).order_by("priority", "created_at", "pk")


def idea_staff_get(*, pk: int) -> Idea | None:
    """One idea for the staff (any status) with its comments (all of them), its whole path and
    its counts (three queries), or None."""
    return (
        _supports_counted(Idea.objects.filter(pk=pk))
        .select_related("programme", "commitment", "merged_into")
        .prefetch_related(
            Prefetch(
                "comments", IdeaComment.objects.order_by("created_at", "pk"), to_attr="all_comments"
            ),
            Prefetch(
                "events",
                Event.objects.select_related("comment").order_by("at", "pk"),
                to_attr="all_events",
            ),
        )
        .first()
    )


def merge_targets(*, idea: Idea) -> QuerySet[Idea]:
    """The ideas `idea` may be merged into: published, of its programme, not merged."""
    return (
        Idea.objects.filter(PUBLISHED, programme_id=idea.programme_id)
        .exclude(pk=idea.pk)
        .exclude(answer=Answer.MERGED)
        .order_by("-created_at", "-pk")
    )


def commitment_choices(*, idea: Idea) -> QuerySet[Commitment]:
    return Commitment.objects.filter(programme_id=idea.programme_id).order_by("number")
