"""Reads of consultations (the current member's schema), each in a constant number of queries.

The public sees published comments only: never a pending or a hidden one, never an e-mail,
never a name its author chose to withhold (`Comment.public_name`).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.consultations.models import Comment, Consultation, Response, Section

PUBLISHED = Q(status=Comment.Status.PUBLISHED)


def consultation_list() -> QuerySet[Consultation]:
    """Open consultations first (closing soonest first), then upcoming, then closed ones (the
    latest first), each with its number of published comments; one query."""
    now = timezone.now()
    return Consultation.objects.annotate(
        state_rank=Case(
            When(opens_at__gt=now, then=Value(1)),
            When(closes_at__lte=now, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        comment_count=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED)),
    ).order_by(
        "state_rank",
        Case(When(state_rank=0, then="closes_at"), When(state_rank=1, then="opens_at")),
        "-closes_at",
        "-pk",
    )


def consultation_detail(*, pk: int) -> Consultation | None:
    """One consultation with what it is about and its sections (two queries), or None."""
    sections = Section.objects.select_related("commitment")
    return (
        Consultation.objects.select_related("programme", "document")
        .prefetch_related(Prefetch("sections", sections))
        .filter(pk=pk)
        .first()
    )


def comment_public_list(*, consultation: Consultation) -> QuerySet[Comment]:
    """The published comments of a consultation, oldest first, with their section and response."""
    return (
        Comment.objects.filter(PUBLISHED, consultation=consultation)
        .select_related("section", "response")
        .order_by("created_at", "pk")
    )


def comment_public_get(*, pk: int) -> Comment | None:
    """A published comment (one a visitor can see, hence report), or None."""
    return Comment.objects.filter(PUBLISHED, pk=pk).select_related("consultation").first()


def comment_staff_list(
    *, consultation_id: int | None = None, status: str | None = None
) -> QuerySet[Comment]:
    """Every comment, for the member's staff (with e-mails), newest first."""
    comments = (
        Comment.objects.select_related("consultation", "section", "response")
        .prefetch_related("moderation_events")
        .order_by("-created_at", "-pk")
    )
    if consultation_id:
        comments = comments.filter(consultation_id=consultation_id)
    if status:
        comments = comments.filter(status=status)
    return comments


def comment_staff_get(*, pk: int) -> Comment | None:
    return comment_staff_list().filter(pk=pk).first()


@dataclass(frozen=True)
class ResponseShare:
    comments: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.comments) if self.comments else None


SHARE_AGGREGATES = {
    "comments": Count("pk"),
    "answered": Count("pk", filter=Q(response__isnull=False)),
}


def _share(comments: QuerySet[Comment]) -> ResponseShare:
    row = comments.aggregate(**SHARE_AGGREGATES)
    return ResponseShare(comments=row["comments"], answered=row["answered"])


def response_share(*, consultation: Consultation) -> ResponseShare:
    """How many published comments there are, and how many have a reasoned response; one query."""
    return _share(Comment.objects.filter(PUBLISHED, consultation=consultation))


@dataclass(frozen=True)
class Tally:
    label: str
    comments: int
    answered: int = 0
    section: Section | None = None


@dataclass(frozen=True)
class ConsultationSummary:
    by_response: list[Tally]  # a line per kind of response, then the comments not answered yet
    by_section: list[Tally]  # the whole text, then each section in order


def consultation_summary(*, consultation: Consultation) -> ConsultationSummary:
    """What a closed consultation received: comments by kind of response and by section (or
    commitment). One query (the sections come from consultation_detail's prefetch)."""
    rows = (
        Comment.objects.filter(PUBLISHED, consultation=consultation)
        .order_by()
        .values_list("section_id", "response__kind")
        .annotate(count=Count("pk"))
    )
    by_kind = dict.fromkeys(Response.Kind.values, 0)
    comments, answered = Counter(), Counter()
    for section_id, kind, count in rows:
        comments[section_id] += count
        if kind:
            by_kind[kind] += count
            answered[section_id] += count
    parts = [(None, _("The whole text"))] + [(s, str(s)) for s in consultation.sections.all()]
    return ConsultationSummary(
        by_response=[
            Tally(label=str(Response.Kind(kind).label), comments=count)
            for kind, count in by_kind.items()
        ]
        + [
            Tally(
                label=_("Awaiting a response"),
                comments=sum(comments.values()) - sum(answered.values()),
            )
        ],
        by_section=[
            Tally(
                label=label,
                comments=comments[section.pk if section else None],
                answered=answered[section.pk if section else None],
                section=section,
            )
            for section, label in parts
        ],
    )


def consultation_aggregates(*, now=None) -> dict:
    """The aggregates behind the consultation figures, over the consultations (one query)."""
    now = now or timezone.now()
    return {
        "consultations": Count("pk"),
        "open": Count("pk", filter=Q(opens_at__lte=now, closes_at__gt=now)),
    }


def consultation_published_comments() -> QuerySet[Comment]:
    """The comments the response share counts (aggregate them with SHARE_AGGREGATES)."""
    return Comment.objects.filter(PUBLISHED)


def consultation_figures_from_rows(consultations: dict, comments: dict) -> dict:
    share = ResponseShare(comments=comments["comments"], answered=comments["answered"])
    return {
        "consultations": consultations["consultations"],
        "open_consultations": consultations["open"],
        "comments": share.comments,
        "comments_with_response": share.answered,
        "response_share": share.percent,
    }


def comment_waiting() -> QuerySet[Comment]:
    """Comments that wait for a moderator: reported ones no moderator has decided on (hidden
    by reports included) first, then published comments without a reasoned response, oldest
    first. For the staff inbox."""
    reported = Q(
        report_count__gt=0,
        moderator_decided=False,
        status__in=[Comment.Status.PUBLISHED, Comment.Status.HIDDEN],
    )
    unanswered = PUBLISHED & Q(response__isnull=True)
    return (
        Comment.objects.filter(reported | unanswered)
        .annotate(
            reported=Case(
                When(reported, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .select_related("consultation")
        .order_by("-reported", "created_at", "pk")
    )


def consultation_closing(*, now=None, within_days: int = 7) -> QuerySet[Consultation]:
    """Open consultations that close within `within_days`, soonest first."""
    now = now or timezone.now()
    return Consultation.objects.filter(
        opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + timedelta(days=within_days)
    ).order_by("closes_at", "pk")


# The staff's list of comments (tenants/consultations/staff_views.py) -----------------------

STAFF_WAITING = "waiting"  # to act on: reported and undecided, or published without response
STAFF_REPORTED = "reported"  # reported at least once and no moderator has decided


def comment_staff_queue(
    *, consultation_id: int | None = None, status: str | None = None
) -> QuerySet[Comment]:
    """The comments for the staff's list: those to act on first (reported ones no moderator
    has decided on, then published ones without a reasoned response), then the others; the
    oldest first within each. `status` is a Comment.Status, STAFF_WAITING or STAFF_REPORTED.
    One query a page (with its section, consultation and response)."""
    reported = Q(
        report_count__gt=0,
        moderator_decided=False,
        status__in=[Comment.Status.PUBLISHED, Comment.Status.HIDDEN],
    )
    unanswered = PUBLISHED & Q(response__isnull=True)
    comments = Comment.objects.select_related("consultation", "section", "response").annotate(
        priority=Case(
            When(reported, then=Value(0)),
            When(unanswered, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )
    if consultation_id:
        comments = comments.filter(consultation_id=consultation_id)
    if status == STAFF_WAITING:
        comments = comments.filter(reported | unanswered)
    elif status == STAFF_REPORTED:
        comments = comments.filter(reported)
    elif status in Comment.Status.values:
        comments = comments.filter(status=status)
    return comments.order_by("priority", "created_at", "pk")


def comment_staff_detail(*, pk: int) -> Comment | None:
    """One comment for the staff (any status), with its consultation, section, response and
    moderation log, or None (two queries)."""
    return (
        Comment.objects.select_related("consultation", "section", "response")
        .prefetch_related("moderation_events")
        .filter(pk=pk)
        .first()
    )
