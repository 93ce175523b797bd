"""Reads of information requests (the current member's schema), each in a constant number of
queries.

Public reads (`*_public`, the register) never load the requester's personal data nor the
request as written (PRIVATE_FIELDS) nor a complaint's text: those columns are deferred, so a
template or a serializer that asked for them would fail loudly in tests (a query per row)
rather than publish them quietly.
"""

from datetime import date
from typing import TypedDict

from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.utils import timezone

from tenants.information_requests.models import (
    ANSWERED_STATES,
    DECIDED_STATES,
    OPEN_STATES,
    PERSONAL_FIELDS,
    PRIVATE_FIELDS,
    Complaint,
    ComplaintOutcome,
    InformationRequest,
    RequestEvent,
    State,
)

# What the register never loads of a complaint: the requester's words and their scan.
COMPLAINT_PRIVATE_FIELDS = ("complaint__grievance", "complaint__scan")


def overdue_q(today: date | None = None) -> Q:
    """Open after the due date: deemed refused (InformationRequest.is_overdue, in SQL)."""
    return Q(state__in=OPEN_STATES, due_on__lt=today or timezone.localdate())


def information_request_register(
    *, state: str | None = None, overdue: bool = False
) -> QuerySet[InformationRequest]:
    """The public register, newest first, without personal data; one state, or the overdue
    ones, when asked."""
    requests = InformationRequest.objects.select_related("complaint").defer(
        *PRIVATE_FIELDS, *COMPLAINT_PRIVATE_FIELDS
    )
    if state:
        requests = requests.filter(state=state)
    if overdue:
        requests = requests.filter(overdue_q())
    return requests


def information_request_public_detail(*, pk: int) -> InformationRequest | None:
    """One request of the register with its dated steps (two queries), or None."""
    events = RequestEvent.objects.only("request", "step", "state_after", "at")
    return (
        information_request_register()
        .prefetch_related(Prefetch("events", events))
        .filter(pk=pk)
        .first()
    )


def information_request_staff_list(
    *, state: str | None = None, overdue: bool = False
) -> QuerySet[InformationRequest]:
    """Every request with the requester's data, for the member's staff."""
    requests = InformationRequest.objects.all()
    if state:
        requests = requests.filter(state=state)
    return requests.filter(overdue_q()) if overdue else requests


def information_request_staff_detail(*, pk: int) -> InformationRequest | None:
    """One request with the requester's data, its complaint and its full history (two
    queries), or None."""
    return (
        InformationRequest.objects.select_related("complaint")
        .prefetch_related("events")
        .filter(pk=pk)
        .first()
    )


def information_request_of_requester(*, pk: int) -> InformationRequest | None:
    """The request the requester's own link names (tokens.py), with its complaint and its
    dated steps, without their identity (they know it; the page does not repeat it)."""
    events = RequestEvent.objects.only("request", "step", "state_after", "at")
    return (
        InformationRequest.objects.select_related("complaint")
        .defer(*PERSONAL_FIELDS)
        .prefetch_related(Prefetch("events", events))
        .filter(pk=pk)
        .first()
    )


def complaint_waiting() -> QuerySet[Complaint]:
    """Complaints the head of the body has still to answer, by due date (overdue first): the
    staff inbox and the list of complaints."""
    return (
        Complaint.objects.filter(outcome=ComplaintOutcome.OPEN)
        .select_related("request")
        .defer("grievance", *[f"request__{name}" for name in PERSONAL_FIELDS])
        .order_by("due_on", "pk")
    )


def complaint_staff_list(*, show_all: bool = False) -> QuerySet[Complaint]:
    """The open complaints by due date, or every complaint (open first, then latest)."""
    if not show_all:
        return complaint_waiting()
    return (
        Complaint.objects.select_related("request")
        .defer(*[f"request__{name}" for name in PERSONAL_FIELDS])
        .order_by(
            Case(When(outcome=ComplaintOutcome.OPEN, then=F("due_on")), default=None).asc(
                nulls_last=True
            ),
            "-received_on",
            "-pk",
        )
    )


class _Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class _DaysBetween(Func):
    """Days from one date column to another (PostgreSQL: date - date is an integer)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


class RequestFigures(TypedDict):
    received: int  # every request ever filed
    answered: int  # answered in full or in part
    refused: int  # refused on a ground of article 7
    overdue: int  # open past the due date: deemed refused
    on_time_share: float | None  # see information_request_figures
    median_days_to_answer: float | None  # calendar days from receipt to the decision


def information_request_aggregates(*, today: date | None = None) -> dict:
    """The aggregates behind information_request_figures, for one query over the requests
    (the network's sweep runs the same ones over many members at once)."""
    decided = Q(state__in=DECIDED_STATES)
    return dict(
        received=Count("pk"),
        answered=Count("pk", filter=Q(state__in=ANSWERED_STATES)),
        refused=Count("pk", filter=Q(state=State.REFUSED)),
        decided=Count("pk", filter=decided),
        on_time=Count("pk", filter=decided & Q(decided_on__lte=F("due_on"))),
        overdue=Count("pk", filter=overdue_q(today)),
        median_days=_Median(_DaysBetween(F("decided_on"), F("received_on")), filter=decided),
    )


def information_request_figures_from_row(row: dict) -> RequestFigures:
    due = row["decided"] + row["overdue"]
    median = row["median_days"]
    return RequestFigures(
        received=row["received"],
        answered=row["answered"],
        refused=row["refused"],
        overdue=row["overdue"],
        on_time_share=row["on_time"] / due if due else None,
        median_days_to_answer=None if median is None else float(median),
    )


def information_request_figures(*, today: date | None = None) -> RequestFigures:
    """The member's figures for the register and the network's snapshots, in one query.

    The on-time share is the share of the requests due so far (decided, or open past their
    due date: silence counts as a refusal) that got a decision (an answer, a partial answer
    or a reasoned refusal) by their due date. Withdrawn requests do not count. None while no
    request is due.
    """
    return information_request_figures_from_row(
        InformationRequest.objects.aggregate(**information_request_aggregates(today=today))
    )


def information_request_waiting() -> QuerySet[InformationRequest]:
    """Open requests by legal due date, the most urgent (overdue) first: the staff inbox."""
    return (
        InformationRequest.objects.filter(state__in=OPEN_STATES)
        .defer(*PERSONAL_FIELDS)
        .order_by("due_on", "pk")
    )


# The staff list's filters: the open requests (the default), each state, the overdue ones, all.
STAFF_FILTER_OPEN, STAFF_FILTER_OVERDUE, STAFF_FILTER_ALL = "open", "overdue", "all"


def information_request_staff_queue(
    *, show: str = STAFF_FILTER_OPEN, today: date | None = None
) -> QuerySet[InformationRequest]:
    """The workspace's list of requests, without personal data (one query a page): the open
    ones by legal due date (overdue first), the overdue ones, one state (latest first), or all
    (open first by due date, then the closed ones, latest first)."""
    requests = InformationRequest.objects.defer(*PERSONAL_FIELDS)
    if show == STAFF_FILTER_OPEN:
        return requests.filter(state__in=OPEN_STATES).order_by("due_on", "pk")
    if show == STAFF_FILTER_OVERDUE:
        return requests.filter(overdue_q(today)).order_by("due_on", "pk")
    if show in State.values:
        return requests.filter(state=show).order_by("-received_on", "-sequence")
    # Open ones by due date first; closed ones (no due date to watch) after, latest first.
    watched_due = Case(When(state__in=OPEN_STATES, then=F("due_on")), default=None)
    return requests.order_by(watched_due.asc(nulls_last=True), "-received_on", "-pk")
