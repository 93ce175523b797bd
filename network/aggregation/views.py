"""The directorate's dashboard, the regional comparison and the open data (network host,
public schema). Pages read snapshots only, never a member's schema."""

import csv
import json
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.accounts.access import (
    directorate_required,
    region_codes_readable_by,
    region_reader_required,
)
from network.aggregation import dcat, exports
from network.aggregation.scorecard import RULES, scorecard_points
from network.aggregation.selectors import network_figures, region_list, snapshot_list
from network.aggregation.stages import NO_PROGRAMME, STAGES, stage_label
from network.members.selectors import link_scheme
from network.registry.models import Tier
from tenancy.addresses import member_site_url


def network_host_only(view):
    """Open data and the comparison's landing answer on the network's host only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if getattr(request, "tenant", None) is not None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _name(obj) -> str:
    return obj.name_fr if get_language() == "fr" else obj.name_ar


def _rows(request, snapshots) -> list[dict]:
    """What a table row shows of a snapshot: the member, its site, its typed figures."""
    scheme = link_scheme(request)
    rows = []
    for snapshot in snapshots:
        member, collectivity = snapshot.member, snapshot.member.collectivity
        rows.append(
            {
                "snapshot": snapshot,
                "member": member,
                "collectivity": collectivity,
                "name": _name(collectivity),
                "region": _name(collectivity.region)
                if collectivity.region
                else _name(collectivity),
                "site_url": member_site_url(member, scheme=scheme),
                "stage_label": stage_label(snapshot.programme_stage),
                "points": scorecard_points(snapshot.scorecard),
            }
        )
    return rows


def _chart(labels, datasets) -> dict:
    return {"labels": [str(label) for label in labels], "datasets": datasets}


@directorate_required
def dashboard(request):
    """The network in figures, with filters (region, tier, programme stage) and sortable list."""
    region_code = request.GET.get("region") or None
    tier = request.GET.get("tier") if request.GET.get("tier") in Tier.values else None
    stage_param = request.GET.get("stage") or ""
    # "none": members without a programme (their stage is empty).
    stage = (
        NO_PROGRAMME
        if stage_param == "none"
        else stage_param
        if stage_param and stage_param in STAGES
        else None
    )
    sort = request.GET.get("sort") or "name"
    regions = list(region_list())
    if region_code and region_code not in {r.code for r in regions}:
        region_code = None
    figures = network_figures(region_code=region_code)
    page = Paginator(
        snapshot_list(region_code=region_code, tier=tier, stage=stage, sort=sort), MEMBERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    rows = _rows(request, page.object_list)
    charts = {
        # Members only (the collectivities, 1,503 communes, would flatten them): the label
        # says how many of the tier's collectivities have joined.
        "tiers": _chart(
            [f"{t['label']} ({t['members']}/{t['collectivities']})" for t in figures["by_tier"]],
            [{"label": _("Members"), "data": [t["members"] for t in figures["by_tier"]]}],
        ),
        "regions": _chart(
            [_name_dict(r) for r in figures["by_region"]],
            [{"label": _("Members"), "data": [r["members"] for r in figures["by_region"]]}],
        ),
        "joined": _chart(
            [j["year"] for j in figures["joined_by_year"]],
            [
                {
                    "label": _("Members who joined"),
                    "data": [j["members"] for j in figures["joined_by_year"]],
                }
            ],
        ),
        "stages": _chart(
            [stage_label(code) for code in STAGES],
            [
                {
                    "label": _("Members"),
                    "data": [figures["by_stage"].get(code, 0) for code in STAGES],
                }
            ],
        ),
        "scorecard": _chart(
            [s["label"] for s in figures["scorecard"]],
            [
                {
                    "label": _("Members meeting the rule"),
                    "data": [s["members"] for s in figures["scorecard"]],
                }
            ],
        ),
        "scores": _chart(
            [s["score"] for s in figures["score_distribution"]],
            [
                {
                    "label": _("Members"),
                    "data": [s["members"] for s in figures["score_distribution"]],
                }
            ],
        ),
    }
    return render(
        request,
        "aggregation/dashboard.html",
        {
            "figures": figures,
            "rows": rows,
            "page": page,
            "charts": charts,
            "regions": regions,
            "tiers": Tier.choices,
            "stages": [(code or "none", stage_label(code)) for code in STAGES],
            "selected": {
                "region": region_code or "",
                "tier": tier or "",
                "stage_param": "" if stage is None else stage_param,
                "sort": sort,
            },
            "columns": _columns(request, sort),
            "rules": RULES,
        },
    )


def _name_dict(region: dict) -> str:
    return region["name_fr"] if get_language() == "fr" else region["name_ar"]


MEMBERS_PER_PAGE = 100
COLUMNS = [
    ("name", gettext_lazy("Member")),
    ("joined", gettext_lazy("Joined")),
    ("stage", gettext_lazy("Programme stage")),
    ("completion", gettext_lazy("Completion")),
    ("on_time", gettext_lazy("Requests answered on time")),
    ("response", gettext_lazy("Comments with a response")),
    ("meetings", gettext_lazy("Meetings held")),
    ("documents", gettext_lazy("Documents")),
    ("score", gettext_lazy("Scorecard")),
]


def _columns(request, current: str) -> list[dict]:
    """The table's columns, each with the query string that sorts by it (a second click
    reverses the order) and its current state for aria-sort."""
    columns = []
    for key, label in COLUMNS:
        query = request.GET.copy()
        query["sort"] = f"-{key}" if current == key else key
        query.pop("page", None)  # a new order starts on its first page
        columns.append(
            {
                "label": label,
                "query": query.urlencode(),
                "state": "ascending"
                if current == key
                else "descending"
                if current == f"-{key}"
                else "none",
            }
        )
    return columns


@network_host_only
def comparison_landing(request):
    """/comparison/: the directorate picks a region; a regional focal point goes to theirs."""
    if not request.user.is_authenticated:
        return redirect(
            reverse("network-sign-in") + "?" + urlencode({"next": request.get_full_path()})
        )
    readable = region_codes_readable_by(request.user)
    if readable is None:
        return render(
            request,
            "aggregation/comparison_landing.html",
            {"regions": [(r, _name(r)) for r in region_list()]},
        )
    if len(readable) == 1:
        return redirect("network-comparison-region", region_code=next(iter(readable)))
    raise PermissionDenied


@region_reader_required
def comparison(request, region_code: str):
    """The members of one region side by side: a sortable table and charts."""
    region = region_list().filter(code=region_code).first()
    if region is None:
        raise Http404
    sort = request.GET.get("sort") or "name"
    rows = _rows(request, snapshot_list(region_code=region_code, sort=sort))
    # A province and its chief town often share a name (Tétouan): the tier tells them apart.
    names = [
        row["name"]
        if row["collectivity"].tier == Tier.COMMUNE
        else f"{row['name']} ({row['collectivity'].get_tier_display()})"
        for row in rows
    ]
    snapshots = [row["snapshot"] for row in rows]
    charts = {
        "score": _chart(
            names, [{"label": _("Scorecard points"), "data": [s.score for s in snapshots]}]
        ),
        "on_time": _chart(
            names,
            [
                {
                    "label": _("Information requests answered on time (%)"),
                    "data": [_percent(s.on_time_share) for s in snapshots],
                }
            ],
        ),
        "completion": _chart(
            names,
            [
                {
                    "label": _("Completion of commitments (%)"),
                    "data": [s.completion_percent for s in snapshots],
                }
            ],
        ),
        "participants": _chart(
            names,
            [
                {
                    "label": _("Women"),
                    "data": [s.figures["meetings"]["participants"]["women"] for s in snapshots],
                },
                {
                    "label": _("Men"),
                    "data": [s.figures["meetings"]["participants"]["men"] for s in snapshots],
                },
            ],
        ),
    }
    return render(
        request,
        "aggregation/comparison.html",
        {
            "region": region,
            "region_name": _name(region),
            "rows": rows,
            "charts": charts,
            # A bar per member: the charts grow with the region.
            "chart_height": f"{max(16, round(len(rows) * 1.6))}rem",
            "figures": network_figures(region_code=region_code),
            "columns": _columns(request, sort),
            "rules": RULES,
        },
    )


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


@network_host_only
def open_data(request):
    """The open data: what is published, how to get it, and the documented schema."""
    return render(
        request,
        "aggregation/open_data.html",
        {
            "fields": exports.field_docs(),
            "rules": RULES,
            "figures": network_figures(),
            "credit": settings.REGISTRY_CREDIT,
        },
    )


@network_host_only
def open_data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="infitah-snapshots.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Arabic names as UTF-8
    writer = csv.writer(response)
    for row in exports.csv_rows(snapshot_list(), request=request):
        writer.writerow(row)
    return response


@network_host_only
def open_data_json(request):
    document = exports.json_document(snapshot_list(), request=request)
    response = JsonResponse(
        document, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = 'inline; filename="infitah-snapshots.json"'
    return response


@network_host_only
def open_data_schema(request):
    return JsonResponse(
        exports.json_schema(request=request), json_dumps_params={"ensure_ascii": False}
    )


@network_host_only
def open_data_catalog(request):
    """The catalogue as DCAT-AP JSON-LD, for harvesters (data.gov.ma, data.europa.eu...)."""
    response = HttpResponse(
        json.dumps(dcat.network_catalog(request), ensure_ascii=False, indent=1),
        content_type=dcat.JSON_LD,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
