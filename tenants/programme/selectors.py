"""Reads of the openness programme (member schema), each in a constant number of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

import commitment_templates
from tenants.documents.selectors import category_freshness_rows
from tenants.meetings.models import Meeting
from tenants.meetings.selectors import When, when_q
import ogp_local
from tenants.programme.models import (
    COMPLETION_SHARE,
    Assessment,
    Commitment,
    Completion,
    InceptionAssessment,
    Milestone,
    Principle,
    Programme,
    ProgressUpdate,
)
from kernel.bilingual import in_page_language


class CommitmentStatus:
    """Derived, not stored: a commitment is late once a milestone or its end date has passed."""

    COMPLETE = "complete"
    LATE = "late"
    ONGOING = "ongoing"


def programme_current() -> Programme | None:
    """The member's latest programme, with its co-creation steps and inception assessment."""
    return (
        Programme.objects.select_related("inception_assessment")
        .prefetch_related("steps")
        .order_by("-period_start", "-pk")
        .first()
    )


def commitment_list(
    *,
    programme: Programme,
    principle: str | None = None,
    completion: str | None = None,
    status: str | None = None,
    today: date | None = None,
) -> QuerySet[Commitment]:
    today = today or timezone.localdate()
    overdue = Milestone.objects.filter(
        commitment=OuterRef("pk"), done_on__isnull=True, due_on__lt=today
    )
    qs = (
        Commitment.objects.filter(programme=programme)
        .annotate(
            has_overdue=Exists(overdue),
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
            ),
        )
        .order_by("number")
    )
    if principle:
        qs = qs.filter(principles__contains=[principle])
    if completion:
        qs = qs.filter(completion=completion)
    late = Q(has_overdue=True) | Q(end_date__lt=today)
    if status == CommitmentStatus.COMPLETE:
        qs = qs.filter(completion=Completion.COMPLETE)
    elif status == CommitmentStatus.LATE:
        qs = qs.exclude(completion=Completion.COMPLETE).filter(late)
    elif status == CommitmentStatus.ONGOING:
        qs = qs.exclude(completion=Completion.COMPLETE).exclude(late)
    return qs


def commitment_detail(*, pk: int) -> Commitment | None:
    return (
        Commitment.objects.select_related("programme", "assessment")
        .prefetch_related(
            "milestones", Prefetch("updates", ProgressUpdate.objects.order_by("-at", "-pk"))
        )
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class PrincipleProgress:
    principle: str
    label: str
    commitments: int
    percent: int


def progress_by_principle(*, programme: Programme) -> list[PrincipleProgress]:
    """Average completion of the commitments under each principle, in one query."""
    rows = Commitment.objects.filter(programme=programme).values_list("principles", "completion")
    return progress_by_principle_from_rows(rows)


def programme_home_block() -> dict:
    """What the member's home page shows of the programme (settings.HOME_BLOCKS): the current
    one and its progress by principle."""
    programme = programme_current()
    return {
        "programme": programme,
        "progress": progress_by_principle(programme=programme) if programme else [],
    }


def progress_by_principle_from_rows(rows) -> list[PrincipleProgress]:
    """From (principles, completion) pairs, one per commitment."""
    shares: dict[str, list[float]] = {p.value: [] for p in Principle}
    for principles, completion in rows:
        for principle in principles:
            shares.setdefault(principle, []).append(COMPLETION_SHARE[completion])
    return [
        PrincipleProgress(
            principle=p.value,
            label=str(p.label),
            commitments=len(shares[p.value]),
            percent=round(100 * sum(shares[p.value]) / len(shares[p.value]))
            if shares[p.value]
            else 0,
        )
        for p in Principle
    ]


def progress_update_list(*, commitment: Commitment | None = None) -> QuerySet[ProgressUpdate]:
    qs = ProgressUpdate.objects.select_related("commitment", "milestone")
    return qs.filter(commitment=commitment) if commitment else qs


def milestone_overdue(*, today: date | None = None) -> QuerySet[Milestone]:
    """Milestones past their due date and not done, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        Milestone.objects.filter(done_on__isnull=True, due_on__lt=today)
        .select_related("commitment")
        .order_by("due_on", "pk")
    )


def commitment_template_catalogue(*, programme: Programme | None) -> list[dict]:
    """The network's published commitment templates as staff choose among them, in the page's
    language, each marked when `programme` already holds a copy (a template is copied once)."""
    copied = (
        set(
            programme.commitments.exclude(source_template_id=None).values_list(
                "source_template_id", flat=True
            )
        )
        if programme
        else set()
    )
    return [
        {
            "id": template["id"],
            "version": template["version"],
            "copied": template["id"] in copied,
            **{
                field: in_page_language(template[f"{field}_ar"], template[f"{field}_fr"])
                for field in ("title", "problem", "action", "solution")
            },
            "principles": commitment_templates.principle_labels(template["principles"]),
        }
        for template in commitment_templates.published()
    ]


@dataclass(frozen=True)
class AssessmentDue:
    """An OGP Local assessment the monitoring committee owes (not recorded yet)."""

    title: str
    kind: str
    due_on: date
    url: str

    def late(self, today: date) -> bool:
        return self.due_on < today


def assessment_due(*, today: date | None = None) -> list[AssessmentDue]:
    """The assessments owed, soonest due first (two queries): the inception assessment of the
    current programme once it is submitted, and the end-of-commitment assessment of each of its
    commitments that has ended."""
    today = today or timezone.localdate()
    programme = (
        Programme.objects.order_by("-period_start", "-pk")
        .annotate(assessed=Exists(InceptionAssessment.objects.filter(programme=OuterRef("pk"))))
        .first()
    )
    if programme is None:
        return []
    owed = []
    if programme.submitted_on and not programme.assessed:
        owed.append(
            AssessmentDue(
                title=gettext("Inception assessment of the programme"),
                kind="inception",
                due_on=programme.inception_due_on,
                url=reverse("staff:programme:inception"),
            )
        )
    ended = (
        Commitment.objects.filter(programme=programme, end_date__lte=today)
        .exclude(Exists(Assessment.objects.filter(commitment=OuterRef("pk"))))
        .order_by("end_date", "number")
    )
    owed += [
        AssessmentDue(
            title=str(commitment),
            kind="end_of_commitment",
            due_on=commitment.assessment_due_on,
            url=reverse("staff:programme:assessment", args=[commitment.pk]),
        )
        for commitment in ended
    ]
    return sorted(owed, key=lambda item: item.due_on)


def minimum_requirements(*, today: date | None = None) -> list[ogp_local.Requirement]:
    """OGP Local's minimum requirements as this member meets them today (three queries): the
    monitoring committee's last meeting held, the last change of the programme or the library,
    and the library's shelves."""
    today = today or timezone.localdate()
    last_meeting = Meeting.objects.filter(
        when_q(When.PAST), kind=Meeting.Kind.MONITORING_COMMITTEE
    ).aggregate(last=Max("starts_at"))["last"]
    shelves = list(category_freshness_rows())
    last_change = ProgressUpdate.objects.aggregate(last=Max(TruncDate("at")))["last"]
    changes = [last_change] if last_change else []
    changes += [shelf["last_updated"] for shelf in shelves if shelf["last_updated"]]
    return ogp_local.minimum_requirements(
        today=today,
        last_forum_meeting=timezone.localdate(last_meeting) if last_meeting else None,
        last_content_change=max(changes, default=None),
        stocked_shelves=sum(1 for shelf in shelves if shelf["count"]),
        documents=sum(shelf["count"] for shelf in shelves),
    )
