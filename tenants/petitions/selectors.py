"""Reads on petitions (the current member's schema), each in a constant number of queries.

Public reads return published petitions only, with their number of signatures annotated as
`signature_count`; who signed is read by staff only (`signature_list`).
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from citizens.working_days import is_working_day
from tenants.petitions.law import spread_minimum, tier_law
from tenants.petitions.models import OUTSIDE_REGION, Petition, Signature, State
from kernel.bilingual import in_page_language
from tenants.site.selectors import site_profile_get


def _with_count(petitions: QuerySet[Petition]) -> QuerySet[Petition]:
    return petitions.annotate(signature_count=Count("signatures"))


def petition_list(*, state: str | None = None) -> QuerySet[Petition]:
    """Published petitions, latest first, optionally in one state (one query)."""
    petitions = _with_count(Petition.objects.filter(published_at__isnull=False))
    if state:
        petitions = petitions.filter(state=state)
    return petitions.order_by("-published_at", "-pk")


def petition_detail(*, pk: int, published_only: bool = True) -> Petition | None:
    """One petition with its count and dated steps (two queries), or None.

    `published_only=False` is for staff, who act on petitions not yet published."""
    petitions = Petition.objects.all()
    if published_only:
        petitions = petitions.filter(published_at__isnull=False)
    return _with_count(petitions).prefetch_related("steps").filter(pk=pk).first()


def petition_for_agent(*, key: str) -> Petition | None:
    """The petition whose agent holds the private link `key`, or None."""
    if not key:
        return None
    return _with_count(Petition.objects.filter(agent_key=key)).prefetch_related("steps").first()


def signature_list(*, petition: Petition) -> QuerySet[Signature]:
    """Who signed (staff only: personal data), in the order they signed."""
    return Signature.objects.filter(petition=petition).order_by("signed_at", "pk")


def petition_figure_rows() -> QuerySet:
    """A row per petition: its state, whether it is published and its signatures (one query;
    the network's sweep runs it over many members at once). Counting per petition, rather
    than COUNT(DISTINCT ...) over the join, keeps it one cheap hash aggregate."""
    return (
        Petition.objects.order_by()
        .values("pk", "state", "published_at")
        .annotate(signature_count=Count("signatures"))
    )


def petition_figures_from_rows(rows) -> dict:
    published = [row for row in rows if row["published_at"] is not None]
    by_state = dict.fromkeys(State.values, 0)
    for row in published:
        by_state[row["state"]] += 1
    return {
        "total": len(published),
        "awaiting_publication": len(rows) - len(published),
        "by_state": by_state,
        "signatures": sum(row["signature_count"] for row in published),
    }


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    while not is_working_day(day):
        day = day.replace(day=day.day + 1)
    return day


def next_ordinary_session(*, months: list[int], after: date) -> date:
    """The opening of the council's next ordinary session on or after `after`.

    The organic laws set the month of each ordinary session, not the day: the council meets
    during the first week. The date given is the first working day of the month (Monday to
    Friday, not a public holiday), for staff to correct when the president convenes it on
    another day.
    """
    year, month = after.year, after.month
    for _ in range(13):
        if month in months:
            opening = first_working_day(year, month)
            if opening >= after:
                return opening
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise ValueError("No session month")


# The states in which a petition waits for the member: the bureau's admissibility decision,
# referral to a committee, inscription on a session's agenda, the council's decision.
WAITING_STATES = (State.SUBMITTED, State.ADMISSIBLE, State.REFERRED, State.ON_AGENDA)


def petition_waiting() -> QuerySet[Petition]:
    """Petitions waiting for a decision of the member: those whose admissibility decision is
    due first (by its legal deadline), then the longest waiting."""
    return Petition.objects.filter(state__in=WAITING_STATES).order_by(
        Case(When(state=State.SUBMITTED, then="admissibility_due_on"), default=None).asc(
            nulls_last=True
        ),
        "updated_at",
        "pk",
    )


def petition_admissibility_due(*, until: date) -> QuerySet[Petition]:
    """Submitted petitions whose bureau's decision is due by `until` (reminders)."""
    return Petition.objects.filter(
        state=State.SUBMITTED, admissibility_due_on__isnull=False, admissibility_due_on__lte=until
    ).order_by("admissibility_due_on", "pk")


@dataclass(frozen=True)
class Province:
    """A prefecture or province of the member's region, read by value from the network's
    registry (public schema): tenants code never imports network."""

    code: str
    name_ar: str
    name_fr: str

    @property
    def name(self) -> str:
        return str(in_page_language(self.name_ar, self.name_fr))


def member_law():
    """The petition rules of the current member's tier (law.TIERS)."""
    profile = site_profile_get()
    return tier_law(profile.tier if profile else "commune")


def region_provinces() -> list[Province]:
    """The prefectures and provinces of the current member when it is a region whose
    signatories must spread over them (law.TIERS), else [] (one query)."""
    profile = site_profile_get()
    if profile is None or not tier_law(profile.tier).spread_over_provinces:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT code, name_ar, name_fr FROM public.registry_collectivity "
            "WHERE tier = 'province' AND region_id = %s ORDER BY code",
            [profile.hcp_code],
        )
        return [Province(*row) for row in cursor.fetchall()]


@dataclass(frozen=True)
class SpreadRow:
    province: Province
    count: int
    minimum: int

    @property
    def enough(self) -> bool:
        return self.count >= self.minimum


def signature_spread(
    *, petition: Petition, provinces: list[Province] | None = None
) -> list[SpreadRow]:
    """For a regional petition: its signatures in each prefecture or province of the region
    against the minimum there (one query; [] when the member is not a region)."""
    provinces = region_provinces() if provinces is None else provinces
    if not provinces:
        return []
    counts = dict(
        Signature.objects.filter(petition=petition)
        .exclude(province_code="")
        .exclude(province_code=OUTSIDE_REGION)
        .order_by()
        .values_list("province_code")
        .annotate(count=Count("pk"))
    )
    minimum = spread_minimum(petition.signatures_required)
    return [SpreadRow(province, counts.get(province.code, 0), minimum) for province in provinces]


def petition_staff_list(*, state: str | None = None) -> QuerySet[Petition]:
    """Every petition, published or not, for the workspace (one query a page): those waiting
    for a decision of the member first (submitted, admissible, on the agenda; the longest
    waiting first), then the others, latest first; or those of one state."""
    petitions = _with_count(Petition.objects.all())
    if state:
        return petitions.filter(state=state).order_by("-updated_at", "-pk")
    waiting = Case(
        When(state__in=WAITING_STATES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    waiting_since = Case(When(state__in=WAITING_STATES, then="updated_at"), default=None)
    return petitions.order_by(waiting, waiting_since.asc(nulls_last=True), "-created_at", "-pk")
