"""Citizens' ideas in the network's figures: the member's snapshot (both paths agree), the
scorecard's rule, the directorate's dashboard and the open data."""

import csv
import io

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from network.aggregation.models import MemberSnapshot
from network.aggregation.scorecard import scorecard_from_figures
from network.aggregation.services import snapshot_refresh_for_member
from network.aggregation.sweep import figures_for_members
from tenants.ideas import services
from tenants.ideas.tests.factories import (
    cocreated_programme,
    commitment_factory,
    idea_on,
    support_of,
)
from tenants.figures.selectors import member_figures
from twofactor.testing import two_factor_signed_in
from kernel.actors import Actor


@pytest.fixture
def tetouan_with_ideas(tetouan):
    """Five published ideas (one pending not counted), 4 confirmed supports (one waiting not
    counted), answers: 2 retained, 1 not retained, 1 under study (not a final answer)."""
    with tenant_context(tetouan):
        programme = cocreated_programme()
        commitment = commitment_factory(programme)
        ideas = [idea_on(programme, title=f"فكرة {n}", email=f"p{n}@example.ma") for n in range(5)]
        idea_on(programme, title="غير مؤكدة", published=False)
        for number in range(3):
            support_of(ideas[0], f"s{number}@example.ma")
        support_of(ideas[1], "s9@example.ma")
        support_of(ideas[1], "waiting@example.ma", confirmed=False)
        for idea in ideas[:2]:
            services.idea_answer(
                idea=idea, answer="retained", by=Actor(name="أمينة"), commitment=commitment
            )
        services.idea_answer(
            idea=ideas[2], answer="not_retained", by=Actor(name="أمينة"), reasons_ar="خارج الاختصاص"
        )
        services.idea_answer(idea=ideas[3], answer="under_study", by=Actor(name="أمينة"))
    return tetouan


def test_the_snapshot_counts_ideas_supports_and_answers(tetouan_with_ideas):
    with tenant_context(tetouan_with_ideas):
        figures = member_figures()
    assert figures["version"] == 2
    assert figures["ideas"] == {
        "total": 5,
        "supports": 4,
        "answered": 3,
        "retained": 2,
        "answered_share": 0.6,
        "retained_share": 0.4,
    }


def test_both_paths_give_the_same_idea_figures(tetouan_with_ideas, tanger):
    as_of = timezone.now()
    with tenant_context(tetouan_with_ideas):
        slow = member_figures(as_of=as_of)
    fast = figures_for_members(
        schema_names=[tetouan_with_ideas.schema_name, tanger.schema_name], as_of=as_of
    )
    assert fast[tetouan_with_ideas.schema_name] == slow
    assert fast[tanger.schema_name]["ideas"]["total"] == 0


def test_the_scorecard_rule_wants_four_ideas_in_five_answered(tetouan_with_ideas):
    with tenant_context(tetouan_with_ideas):
        figures = member_figures()
    assert scorecard_from_figures(figures)["ideas_answered"] is False  # 60%
    figures["ideas"]["answered_share"] = 0.8
    assert scorecard_from_figures(figures)["ideas_answered"] is True
    del figures["ideas"]  # a snapshot of figures version 1: not met, no error
    assert scorecard_from_figures(figures)["ideas_answered"] is False


def test_the_dashboard_and_the_open_data_show_ideas(tetouan_with_ideas, tanger, client_for):
    from network.accounts.services import network_account_create

    for member in (tetouan_with_ideas, tanger):
        snapshot_refresh_for_member(member=member)
    connection.set_schema_to_public()
    client = client_for(None)
    user = network_account_create(email="dir.ideas@example.ma", role="directorate")
    two_factor_signed_in(client, user)
    page = client.get("/dashboard/").content.decode()
    block = page[page.index("key-ideas") :][:600]
    assert "أفكار المواطنين (الدعم)" in page and "5" in block and "(4)" in block
    assert "الأفكار التي لها جواب رسمي (المتوسط)" in page and "60%" in page
    rows = list(
        csv.DictReader(
            io.StringIO(
                client_for(None).get("/open-data/snapshots.csv").content.decode().lstrip("\ufeff")
            )
        )
    )
    tetouan_row = next(r for r in rows if r["hcp_code"] == tetouan_with_ideas.collectivity_id)
    assert (
        tetouan_row["ideas"],
        tetouan_row["idea_supports"],
        tetouan_row["ideas_answered_share"],
    ) == ("5", "4", "0.6")
    assert tetouan_row["score_ideas_answered"] == "false"
    assert MemberSnapshot.objects.get(member=tetouan_with_ideas).figures["ideas"]["retained"] == 2
