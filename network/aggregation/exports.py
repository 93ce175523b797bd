"""The snapshots as open data: CSV (one flat row per member) and JSON (the full figures), with
one documented list of fields that the CSV header, the JSON Schema and the open-data page all
come from."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from network.aggregation.models import MemberSnapshot
from network.aggregation.scorecard import RULES
from network.members.selectors import link_scheme
from tenancy.addresses import member_site_url

# The library's categories (tenants/documents/models.py: Category, same msgids; a test checks
# they agree: the network may not import a member's models).
DOCUMENT_CATEGORIES = {
    "budget_accounts": _("Budget and accounts"),
    "council": _("Council agendas and minutes"),
    "decisions": _("Decisions"),
    "procurement": _("Procurement"),
    "services": _("Services and procedures"),
    "reports": _("Reports and statistics"),
    "programme": _("The openness programme"),
    "organisation": _("Organisation, missions and contacts"),
    "information_officer": _("Person in charge of information"),
    "recruitment": _("Recruitment competitions and their results"),
    "licences": _("Licences and authorisations"),
    "partnerships": _("Partnerships and agreements"),
    "rights": _("Users' rights and remedies"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # JSON Schema type: "string", "integer", "number", "boolean"
    description: Promise
    value: Callable[[MemberSnapshot], object]
    nullable: bool = False


def _figure(*path):
    def get(snapshot):
        value = snapshot.figures
        for key in path:
            value = value[key]
        return value

    return get


def _fields(scheme: str = "https") -> list[Field]:
    c = lambda s: s.member.collectivity  # noqa: E731
    fields = [
        Field("hcp_code", "string", _("HCP code of the collectivity (key)"), lambda s: c(s).code),
        Field("name_ar", "string", _("Name in Arabic"), lambda s: c(s).name_ar),
        Field("name_fr", "string", _("Name in French"), lambda s: c(s).name_fr),
        Field(
            "tier",
            "string",
            _("Tier: region, province (prefecture or province) or commune"),
            lambda s: c(s).tier,
        ),
        Field(
            "region_code",
            "string",
            _("HCP code of the region"),
            lambda s: c(s).region_id or c(s).code,
        ),
        Field(
            "province_code",
            "string",
            _("HCP code of the prefecture or province (communes)"),
            lambda s: c(s).province_id,
            nullable=True,
        ),
        Field(
            "population_2024",
            "integer",
            _("Population in 2024 (HCP, RGPH 2024)"),
            lambda s: c(s).population_2024,
            nullable=True,
        ),
        Field(
            "site_url",
            "string",
            _("Address of the member's openness site"),
            lambda s: member_site_url(s.member, scheme=scheme),
        ),
        Field(
            "joined_on",
            "string",
            _("Date the member joined the network (YYYY-MM-DD)"),
            lambda s: timezone.localdate(s.member.joined_at).isoformat(),
        ),
        Field(
            "refreshed_at",
            "string",
            _("When the figures were computed (ISO 8601)"),
            lambda s: s.refreshed_at.isoformat(),
        ),
        Field(
            "programme_stage",
            "string",
            _(
                "Stage of the openness programme: draft, consultation, adopted, implementation, "
                "evaluated; empty without a programme"
            ),
            lambda s: s.programme_stage,
        ),
        Field(
            "commitments",
            "integer",
            _("Commitments of the current programme"),
            lambda s: s.commitments,
        ),
        Field(
            "commitments_complete",
            "integer",
            _("Commitments complete"),
            _figure("commitments", "by_status", "complete"),
        ),
        Field(
            "commitments_late",
            "integer",
            _("Commitments not complete with a milestone or end date past"),
            _figure("commitments", "by_status", "late"),
        ),
        Field(
            "commitments_ongoing",
            "integer",
            _("Commitments under way and on time"),
            _figure("commitments", "by_status", "ongoing"),
        ),
        Field(
            "completion_percent",
            "integer",
            _(
                "Average completion of the commitments (not started 0, limited 33, "
                "substantial 67, complete 100)"
            ),
            lambda s: s.completion_percent,
            nullable=True,
        ),
        Field(
            "milestones",
            "integer",
            _("Milestones of the current programme"),
            _figure("milestones", "total"),
        ),
        Field("milestones_done", "integer", _("Milestones done"), _figure("milestones", "done")),
        Field(
            "milestones_due",
            "integer",
            _("Milestones not done and not yet due"),
            _figure("milestones", "due"),
        ),
        Field(
            "milestones_overdue",
            "integer",
            _("Milestones not done after their due date"),
            _figure("milestones", "overdue"),
        ),
        Field(
            "meetings_held", "integer", _("Meetings and workshops held"), lambda s: s.meetings_held
        ),
        Field(
            "participants",
            "integer",
            _("Participants in the meetings held"),
            lambda s: s.participants,
        ),
        Field(
            "participants_women",
            "integer",
            _("Women among the participants"),
            _figure("meetings", "participants", "women"),
        ),
        Field(
            "participants_men",
            "integer",
            _("Men among the participants"),
            _figure("meetings", "participants", "men"),
        ),
        Field(
            "last_monitoring_committee",
            "string",
            _("Date of the last monitoring committee meeting held"),
            lambda s: s.figures["meetings"]["last_held_on"].get("monitoring_committee"),
            nullable=True,
        ),
        Field(
            "consultation_comments",
            "integer",
            _("Published consultation comments"),
            _figure("consultations", "comments"),
        ),
        Field(
            "comments_with_response",
            "integer",
            _("Comments with a reasoned response"),
            _figure("consultations", "comments_with_response"),
        ),
        Field(
            "response_share",
            "number",
            _("Share of published comments with a reasoned response (0 to 1)"),
            lambda s: s.response_share,
            nullable=True,
        ),
        Field(
            "requests_received",
            "integer",
            _("Information requests received (law 31.13)"),
            lambda s: s.requests_received,
        ),
        Field(
            "requests_answered",
            "integer",
            _("Requests answered in full or in part"),
            _figure("information_requests", "answered"),
        ),
        Field(
            "requests_refused",
            "integer",
            _("Requests refused on a legal ground"),
            _figure("information_requests", "refused"),
        ),
        Field(
            "requests_overdue",
            "integer",
            _("Requests still open after their due date"),
            _figure("information_requests", "overdue"),
        ),
        Field(
            "on_time_share",
            "number",
            _("Share of the requests due that were decided by their due date (0 to 1)"),
            lambda s: s.on_time_share,
            nullable=True,
        ),
        Field(
            "median_days_to_answer",
            "number",
            _("Median calendar days from receipt to decision"),
            _figure("information_requests", "median_days_to_answer"),
            nullable=True,
        ),
        Field("petitions", "integer", _("Published petitions"), _figure("petitions", "total")),
        Field(
            "petition_signatures",
            "integer",
            _("Signatures of the published petitions"),
            _figure("petitions", "signatures"),
        ),
        Field(
            "documents",
            "integer",
            _("Documents published (proactive publication)"),
            lambda s: s.documents,
        ),
    ]
    for category, label in DOCUMENT_CATEGORIES.items():
        fields.append(
            Field(
                f"documents_{category}",
                "integer",
                _("Documents in the category “%(category)s”") % {"category": label},
                _shelf(category, "count", 0),
            )
        )
        fields.append(
            Field(
                f"days_since_update_{category}",
                "integer",
                _("Days since the category “%(category)s” was last updated") % {"category": label},
                _shelf(category, "days_since_update", None),
                nullable=True,
            )
        )
    fields += _idea_fields()
    fields.append(
        Field(
            "score",
            "integer",
            _("Co-creation scorecard: points met (out of %(total)s)") % {"total": len(RULES)},
            lambda s: s.score,
        )
    )
    for rule in RULES:
        fields.append(
            Field(
                f"score_{rule.code}",
                "boolean",
                rule.rule,
                lambda s, code=rule.code: bool(s.scorecard.get(code)),
            )
        )
    return fields


def _shelf(category: str, key: str, missing):
    # A snapshot taken before a shelf of the library existed has none: `missing` until refreshed.
    return lambda s: s.figures["documents"]["by_category"].get(category, {}).get(key, missing)


def _ideas(key: str):
    # Snapshots of figures version 1 (before ideas) have none: empty until refreshed.
    return lambda s: s.figures.get("ideas", {}).get(key)


def _idea_fields() -> list[Field]:
    return [
        Field("ideas", "integer", _("Published citizens' ideas"), _ideas("total"), nullable=True),
        Field(
            "idea_supports",
            "integer",
            _("Confirmed supports of the published ideas"),
            _ideas("supports"),
            nullable=True,
        ),
        Field(
            "ideas_answered_share",
            "number",
            _(
                "Share of the published ideas with an official answer: retained, merged or "
                "not retained (0 to 1)"
            ),
            _ideas("answered_share"),
            nullable=True,
        ),
        Field(
            "ideas_retained_share",
            "number",
            _("Share of the published ideas retained in a commitment (0 to 1)"),
            _ideas("retained_share"),
            nullable=True,
        ),
    ]


def field_docs() -> list[Field]:
    return _fields()


def csv_rows(snapshots: Iterable[MemberSnapshot], *, request=None) -> Iterable[list]:
    fields = _fields(link_scheme(request))
    yield [field.name for field in fields]
    for snapshot in snapshots:
        row = []
        for field in fields:
            value = field.value(snapshot)
            row.append(
                ""
                if value is None
                else ("true" if value else "false")
                if isinstance(value, bool)
                else value
            )
        yield row


def _absolute(request, name: str) -> str:
    path = reverse(name)
    return request.build_absolute_uri(path) if request is not None else path


def json_document(snapshots: Iterable[MemberSnapshot], *, request=None) -> dict:
    """Every member's snapshot: the flat fields, the full figures and the scorecard."""
    fields = _fields(link_scheme(request))
    return {
        "title": str(
            _(
                "Infitah: figures of the members of the Moroccan network of open "
                "territorial collectivities"
            )
        ),
        "schema": _absolute(request, "open-data-schema"),
        "credit": str(settings.REGISTRY_CREDIT),
        "generated_at": timezone.now().isoformat(),
        "scorecard_rules": [
            {"code": rule.code, "label": str(rule.label), "rule": str(rule.rule)} for rule in RULES
        ],
        "members": [
            {
                **{field.name: field.value(snapshot) for field in fields},
                "figures": snapshot.figures,
                "scorecard": snapshot.scorecard,
            }
            for snapshot in snapshots
        ],
    }


def json_schema(*, request=None) -> dict:
    """JSON Schema (2020-12) of json_document, each field described."""
    fields = _fields()
    properties = {}
    for field in fields:
        kind = [field.type, "null"] if field.nullable else field.type
        properties[field.name] = {"type": kind, "description": str(field.description)}
    properties["figures"] = {
        "type": "object",
        "description": str(
            _(
                "The member's full figures: programme, commitments (by status, completion and "
                "principle), milestones, meetings (by kind, participants by category and gender), "
                "consultations, information requests, petitions and documents (by category)."
            )
        ),
    }
    properties["scorecard"] = {
        "type": "object",
        "description": str(_("The scorecard: for each rule's code, whether the member meets it.")),
        "additionalProperties": {"type": "boolean"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _absolute(request, "open-data-schema"),
        "title": str(_("Infitah open data: member snapshots")),
        "description": str(settings.REGISTRY_CREDIT),
        "type": "object",
        "required": ["credit", "members"],
        "properties": {
            "title": {"type": "string"},
            "schema": {"type": "string", "format": "uri"},
            "credit": {"type": "string", "description": str(_("Credit of the registry data"))},
            "generated_at": {"type": "string", "format": "date-time"},
            "scorecard_rules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "label": {"type": "string"},
                        "rule": {"type": "string"},
                    },
                },
            },
            "members": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": properties,
                    "required": [field.name for field in fields if not field.nullable],
                },
            },
        },
    }
