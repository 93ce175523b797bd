"""The co-creation scorecard: points a member earns from its snapshot's figures.

Each point is a rule people can read (shown on the dashboard, the comparison and the open-data
schema) and a function of the figures alone, so a point can always be explained from the
published snapshot.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

import ogp_local

ADOPTED_STAGES = ("adopted", "implementation", "evaluated")
REPOSITORY_MIN_CATEGORIES = 4
REPOSITORY_FRESH_DAYS = 90
RESPONSE_SHARE_MIN = 80  # percent of published comments
ON_TIME_SHARE_MIN = 0.8
WOMEN_SHARE_MIN = 0.3
IDEAS_ANSWERED_SHARE_MIN = 0.8  # of the published citizens' ideas


@dataclass(frozen=True)
class Rule:
    code: str
    label: Promise
    rule: Promise
    test: Callable[[dict], bool]
    # One of OGP Local's minimum requirements (platform/ogp_local).
    ogp_minimum: bool = False


def _public_repository(figures: dict) -> bool:
    shelves = figures["documents"]["by_category"].values()
    stocked = [s for s in shelves if s["count"]]
    return len(stocked) >= REPOSITORY_MIN_CATEGORIES and any(
        s["days_since_update"] <= REPOSITORY_FRESH_DAYS for s in stocked
    )


def _at_least(minimum: float, *path: str) -> Callable[[dict], bool]:
    """The figure at `path` is known (there was something to count) and at least `minimum`."""

    def test(figures: dict) -> bool:
        value = figures
        for key in path:
            value = value[key]
        return value is not None and value >= minimum

    return test


def _ogp_requirement(code: str) -> Callable[[dict], bool]:
    """Whether the member meets one of OGP Local's minimum requirements, read from its figures
    as its own programme page reads them from its schema."""

    def test(figures: dict) -> bool:
        requirements = ogp_local.minimum_requirements_from_figures(figures)
        return next(r.met for r in requirements if r.code == code)

    return test


def _ideas_answered(figures: dict) -> bool:
    # Snapshots of figures version 1 (before ideas) have no "ideas": not met until refreshed.
    share = figures.get("ideas", {}).get("answered_share")
    return share is not None and share >= IDEAS_ANSWERED_SHARE_MIN


def _milestones_on_track(figures: dict) -> bool:
    milestones = figures["milestones"]
    return milestones["total"] > 0 and milestones["overdue"] == 0


RULES = [
    Rule(
        "programme_adopted",
        _("Programme adopted"),
        _(
            "The openness programme has been adopted by the council (adopted, in implementation "
            "or evaluated)."
        ),
        lambda f: f["programme"]["stage"] in ADOPTED_STAGES,
    ),
    Rule(
        "cocreation_workshop",
        _("Co-creation workshops"),
        _("At least one co-creation workshop has been held."),
        lambda f: f["meetings"]["by_kind"]["cocreation_workshop"] > 0,
    ),
    Rule(
        "monitoring_met",
        _("Monitoring committee active"),
        _("The monitoring committee met in the last six months (183 days)."),
        _ogp_requirement(ogp_local.FORUM),
        ogp_minimum=True,
    ),
    Rule(
        "public_repository",
        _("Public document repository"),
        _(
            "Documents are published in at least 4 categories of the library, and one of them "
            "was updated in the last 90 days."
        ),
        _public_repository,
    ),
    Rule(
        "reasoned_responses",
        _("Reasoned responses"),
        # xgettext:no-python-format
        _("At least 80% of the published consultation comments have a reasoned response."),
        _at_least(RESPONSE_SHARE_MIN, "consultations", "response_share"),
    ),
    Rule(
        "on_time_answers",
        _("Information requests answered on time"),
        _(
            # xgettext:no-python-format
            "At least 80% of the information requests due were decided within the legal "
            "deadline (law 31.13)."
        ),
        _at_least(ON_TIME_SHARE_MIN, "information_requests", "on_time_share"),
    ),
    Rule(
        "women_take_part",
        _("Women take part"),
        # xgettext:no-python-format
        _("Women are at least 30% of the participants in the meetings held."),
        _at_least(WOMEN_SHARE_MIN, "meetings", "participants", "women_share"),
    ),
    Rule(
        "milestones_on_track",
        _("Milestones on track"),
        _("The programme has milestones and none of them is overdue."),
        _milestones_on_track,
    ),
    Rule(
        ogp_local.SITE,
        _("OGP Local: site updated"),
        _(
            "The programme or the library changed in the last four months (OGP Local's minimum "
            "requirements)."
        ),
        _ogp_requirement(ogp_local.SITE),
        ogp_minimum=True,
    ),
    Rule(
        ogp_local.REPOSITORY,
        _("OGP Local: document repository"),
        _("The library holds at least one published document (OGP Local's minimum requirements)."),
        _ogp_requirement(ogp_local.REPOSITORY),
        ogp_minimum=True,
    ),
    Rule(
        "ideas_answered",
        _("Citizens' ideas answered"),
        _(
            # xgettext:no-python-format
            "Citizens' ideas were collected online and at least 80% of them have an official "
            "answer (retained, merged or not retained)."
        ),
        _ideas_answered,
    ),
]


def scorecard_from_figures(figures: dict) -> dict[str, bool]:
    return {rule.code: bool(rule.test(figures)) for rule in RULES}


def scorecard_points(scorecard: dict[str, bool]) -> list[dict]:
    """The scorecard as people read it: each rule with its label, text and whether it holds."""
    return [
        {
            "code": rule.code,
            "label": rule.label,
            "rule": rule.rule,
            "ogp_minimum": rule.ogp_minimum,
            "met": bool(scorecard.get(rule.code)),
        }
        for rule in RULES
    ]
