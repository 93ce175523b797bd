"""Reads of the snapshots (public schema only: pages and exports never read a member's schema)."""

from collections import Counter

from django.db.models import Avg, Count, F, Max, Prefetch, Q, QuerySet, Sum
from django.db.models import FloatField, IntegerField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, TruncYear

from network.aggregation.models import MemberSnapshot
from network.aggregation.scorecard import RULES
from network.members.models import Domain, Member
from network.registry.models import Collectivity, Tier

SORTS = {
    "name": "member__collectivity__name_fr",
    "score": "score",
    "on_time": "on_time_share",
    "completion": "completion_percent",
    "response": "response_share",
    "meetings": "meetings_held",
    "participants": "participants",
    "documents": "documents",
    "requests": "requests_received",
    "stage": "programme_stage",
    "joined": "member__joined_at",
}


def region_q(region_code: str, prefix: str = "member__collectivity__") -> Q:
    """The members of one region: its region council, its provinces and its communes."""
    return Q(**{f"{prefix}region_id": region_code}) | Q(**{f"{prefix}code": region_code})


def _figure_number(section: str, key: str, output_field):
    """A number inside the snapshots' figures (None where a snapshot predates it)."""
    return Cast(KT(f"figures__{section}__{key}"), output_field)


def snapshot_list(
    *,
    region_code: str | None = None,
    tier: str | None = None,
    stage: str | None = None,
    sort: str | None = None,
) -> QuerySet[MemberSnapshot]:
    """Snapshots of ready members with their collectivity, region and primary domain (two
    queries); one region, one tier or one programme stage when asked; `sort` is a key of
    SORTS, "-" in front for descending."""
    snapshots = (
        MemberSnapshot.objects.filter(member__is_ready=True)
        .select_related("member__collectivity__region", "member__collectivity__province")
        .prefetch_related(
            Prefetch(
                "member__domains", Domain.objects.filter(is_primary=True), to_attr="primary_domains"
            )
        )
    )
    if region_code:
        snapshots = snapshots.filter(region_q(region_code))
    if tier:
        snapshots = snapshots.filter(member__collectivity__tier=tier)
    if stage is not None:
        snapshots = snapshots.filter(programme_stage=stage)
    field = SORTS.get((sort or "name").lstrip("-"), SORTS["name"])
    # Members without the figure (None) go last whichever way the column is sorted.
    order = (
        F(field).desc(nulls_last=True)
        if (sort or "").startswith("-")
        else F(field).asc(nulls_last=True)
    )
    return snapshots.order_by(order, "member__collectivity_id")


# Members per chunk, the unit of work of a full refresh: one task, one fresh connection. A
# connection caches the catalog of every schema it reads (~0.3 MB a member), so it is dropped
# after a chunk; 100 members keep it near 35 MB while sharing its start and its cache of
# PostgreSQL's own catalog over four round trips (network/aggregation/sweep.py).
CHUNK_SIZE = 100


def member_id_chunks(*, chunk_size: int = CHUNK_SIZE) -> list[list[int]]:
    """The ready members' ids, in chunks (the unit of work of a full refresh)."""
    ids = list(Member.objects.ready().order_by("pk").values_list("pk", flat=True))
    return [ids[i : i + chunk_size] for i in range(0, len(ids), chunk_size)]


def snapshot_get(*, hcp_code: str) -> MemberSnapshot | None:
    return snapshot_list().filter(member__collectivity_id=hcp_code).first()


def region_list() -> QuerySet[Collectivity]:
    return Collectivity.objects.filter(tier=Tier.REGION).order_by("code")


def network_figures(*, region_code: str | None = None) -> dict:
    """The network in figures, from the public schema (a handful of queries): members by tier,
    region, year of joining and programme stage; the scorecard's points; sums and averages."""
    members = Member.objects.ready()
    snapshots = MemberSnapshot.objects.filter(member__is_ready=True)
    collectivities = Collectivity.objects.all()
    if region_code:
        members = members.filter(region_q(region_code, "collectivity__"))
        snapshots = snapshots.filter(region_q(region_code))
        collectivities = collectivities.filter(region_q(region_code, ""))

    by_tier = dict(members.order_by().values_list("collectivity__tier").annotate(n=Count("pk")))
    all_by_tier = dict(collectivities.order_by().values_list("tier").annotate(n=Count("pk")))
    region_rows = (
        members.order_by()
        .annotate(region=Coalesce("collectivity__region_id", "collectivity__code"))
        .values_list("region")
        .annotate(n=Count("pk"))
    )
    by_region = Counter(dict(region_rows))
    joined = (
        members.order_by()
        .annotate(year=TruncYear("joined_at"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    stages = dict(snapshots.order_by().values_list("programme_stage").annotate(n=Count("pk")))
    scores = dict(snapshots.order_by().values_list("score").annotate(n=Count("pk")))
    # One query for the sums, the averages and how many members meet each rule.
    sums = snapshots.aggregate(
        **{rule.code: Count("pk", filter=Q(**{f"scorecard__{rule.code}": True})) for rule in RULES},
        snapshots=Count("pk"),
        commitments=Sum("commitments"),
        meetings=Sum("meetings_held"),
        participants=Sum("participants"),
        requests=Sum("requests_received"),
        documents=Sum("documents"),
        on_time=Avg("on_time_share"),
        response=Avg("response_share"),
        completion=Avg("completion_percent"),
        score=Avg("score"),
        latest=Max("refreshed_at"),
        ideas_total=Sum(_figure_number("ideas", "total", IntegerField())),
        ideas_supports=Sum(_figure_number("ideas", "supports", IntegerField())),
        ideas_answered_average=Avg(_figure_number("ideas", "answered_share", FloatField())),
    )
    regions = [
        {
            "code": r.code,
            "name_ar": r.name_ar,
            "name_fr": r.name_fr,
            "members": by_region.get(r.code, 0),
        }
        for r in region_list()
        if not region_code or r.code == region_code
    ]
    return {
        "members": sum(by_tier.values()),
        "collectivities": sum(all_by_tier.values()),
        "by_tier": [
            {
                "tier": value,
                "label": str(label),
                "members": by_tier.get(value, 0),
                "collectivities": all_by_tier.get(value, 0),
            }
            for value, label in Tier.choices
        ],
        "by_region": regions,
        "joined_by_year": [{"year": year.year, "members": n} for year, n in joined],
        "by_stage": stages,
        "scorecard": [
            {
                "code": rule.code,
                "label": str(rule.label),
                "rule": str(rule.rule),
                "members": sums[rule.code],
            }
            for rule in RULES
        ],
        "score_distribution": [
            {"score": s, "members": scores.get(s, 0)} for s in range(len(RULES) + 1)
        ],
        "totals": {
            **{
                key: sums[key] or 0
                for key in (
                    "snapshots",
                    "commitments",
                    "meetings",
                    "participants",
                    "requests",
                    "documents",
                )
            },
            "ideas": sums["ideas_total"] or 0,
            "idea_supports": sums["ideas_supports"] or 0,
        },
        "averages": {
            "on_time_share": sums["on_time"],
            "response_share": sums["response"],
            "completion_percent": sums["completion"],
            "score": sums["score"],
            "ideas_answered_share": sums["ideas_answered_average"],
        },
        "refreshed_at": sums["latest"],
    }
