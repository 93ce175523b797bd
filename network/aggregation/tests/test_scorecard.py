"""Each point of the co-creation scorecard, met and not met, from the figures alone."""

import copy
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import translation

from network.aggregation.scorecard import RULES, scorecard_from_figures, scorecard_points
from network.aggregation.stages import STAGES
from tenants.figures.selectors import figures_from_rows

TODAY = date(2026, 6, 1)
ZERO_REQUESTS = {
    "received": 0,
    "answered": 0,
    "refused": 0,
    "decided": 0,
    "on_time": 0,
    "overdue": 0,
    "median_days": None,
}


def blank() -> dict:
    """The figures of a member that has published nothing."""
    return figures_from_rows(
        {
            "programmes": [],
            "commitments": [],
            "meetings": [],
            "documents": [],
            "consultations": [{"consultations": 0, "open": 0}],
            "comments": [{"comments": 0, "answered": 0}],
            "information_requests": [ZERO_REQUESTS],
            "petitions": [],
            "programme_changes": [{"last_change": None}],
            "ideas": [{"ideas": 0, "supports": 0, "answered": 0, "retained": 0}],
        },
        today=TODAY,
    )


def shelf(count: int, days: int | None) -> dict:
    return {
        "count": count,
        "days_since_update": days,
        "last_updated": None if days is None else (TODAY - timedelta(days=days)).isoformat(),
    }


def with_changes(**paths) -> dict:
    figures = copy.deepcopy(blank())
    for path, value in paths.items():
        *parents, leaf = path.split("__")
        node = figures
        for key in parents:
            node = node[key]
        node[leaf] = value
    return figures


CASES = {
    "programme_adopted": (
        [
            with_changes(programme__stage=stage)
            for stage in ("adopted", "implementation", "evaluated")
        ],
        [
            blank(),
            with_changes(programme__stage="draft"),
            with_changes(programme__stage="consultation"),
        ],
    ),
    "cocreation_workshop": (
        [with_changes(meetings__by_kind__cocreation_workshop=1)],
        [blank(), with_changes(meetings__by_kind__information=3)],
    ),
    "monitoring_met": (
        [
            with_changes(meetings__last_held_on={"monitoring_committee": "2026-05-20"}),
            with_changes(
                meetings__last_held_on={"monitoring_committee": str(TODAY - timedelta(days=183))}
            ),
        ],
        [
            blank(),
            with_changes(
                meetings__last_held_on={"monitoring_committee": str(TODAY - timedelta(days=184))}
            ),
            with_changes(meetings__last_held_on={"cocreation_workshop": "2026-05-20"}),
        ],
    ),
    "public_repository": (
        [
            with_changes(
                documents__by_category={
                    "a": shelf(1, 10),
                    "b": shelf(2, 400),
                    "c": shelf(1, 500),
                    "d": shelf(1, 90),
                }
            )
        ],
        [
            blank(),
            with_changes(
                documents__by_category={
                    "a": shelf(1, 10),
                    "b": shelf(2, 400),
                    "c": shelf(1, 500),
                    "d": shelf(0, None),
                }
            ),
            with_changes(
                documents__by_category={
                    "a": shelf(1, 91),
                    "b": shelf(2, 400),
                    "c": shelf(1, 500),
                    "d": shelf(1, 100),
                }
            ),
        ],
    ),
    "reasoned_responses": (
        [
            with_changes(consultations__response_share=80),
            with_changes(consultations__response_share=100),
        ],
        [blank(), with_changes(consultations__response_share=79)],
    ),
    "on_time_answers": (
        [with_changes(information_requests__on_time_share=0.8)],
        [blank(), with_changes(information_requests__on_time_share=0.79)],
    ),
    "women_take_part": (
        [with_changes(meetings__participants__women_share=0.3)],
        [blank(), with_changes(meetings__participants__women_share=0.29)],
    ),
    "ogp_site_updated": (
        [with_changes(programme__last_content_change=str(TODAY - timedelta(days=122)))],
        [blank(), with_changes(programme__last_content_change=str(TODAY - timedelta(days=123)))],
    ),
    "ogp_repository": ([with_changes(documents__total=1)], [blank()]),
    "milestones_on_track": (
        [with_changes(milestones={"total": 3, "done": 1, "due": 2, "overdue": 0})],
        [blank(), with_changes(milestones={"total": 3, "done": 1, "due": 1, "overdue": 1})],
    ),
    "ideas_answered": (
        [with_changes(ideas__answered_share=0.8), with_changes(ideas__answered_share=1.0)],
        [blank(), with_changes(ideas__answered_share=0.79)],
    ),
}


def test_every_rule_is_tested():
    assert set(CASES) == {rule.code for rule in RULES}


@pytest.mark.parametrize("code", list(CASES))
def test_each_point_is_met_or_not(code):
    met, not_met = CASES[code]
    assert all(scorecard_from_figures(figures)[code] for figures in met)
    assert not any(scorecard_from_figures(figures)[code] for figures in not_met)


def test_a_member_with_nothing_published_scores_nothing():
    assert not any(scorecard_from_figures(blank()).values())


def test_the_rules_are_shown_in_arabic_and_french():
    with translation.override("ar"):
        points = scorecard_points({"on_time_answers": True})
        on_time = next(p for p in points if p["code"] == "on_time_answers")
        assert on_time["met"] and "31.13" in str(on_time["rule"])
        assert str(on_time["label"]) == "طلبات المعلومات المُجاب عنها داخل الأجل"
    for language in ("ar", "fr"):
        for rule in RULES:
            with translation.override("en"):
                english = (str(rule.label), str(rule.rule))
            with translation.override(language):
                assert str(rule.label) != english[0] and str(rule.rule) != english[1]


def _choices(model: str, field: str) -> dict:
    """A member model's choices, read through the app registry (the network may not import
    a member's models)."""
    return dict(apps.get_model(model)._meta.get_field(field).choices)


def test_the_networks_stage_labels_follow_the_members_programme():
    statuses = _choices("programme.Programme", "status")
    assert {code for code in STAGES if code} == set(statuses)
    for code, label in statuses.items():
        assert str(STAGES[code]) == str(label)


def test_the_open_data_categories_follow_the_members_library():
    from network.aggregation.exports import DOCUMENT_CATEGORIES

    categories = _choices("documents.Document", "category")
    assert list(DOCUMENT_CATEGORIES) == list(categories)
    for code, label in categories.items():
        assert str(DOCUMENT_CATEGORIES[code]) == str(label)
