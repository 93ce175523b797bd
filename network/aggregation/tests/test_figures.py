"""The snapshot's figures against the member's data, and the fast path against the per-member
path."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from network.aggregation.models import MemberSnapshot
from network.aggregation.services import snapshot_refresh_for_member, snapshots_refresh_for_members
from network.aggregation import sweep
from network.aggregation.sweep import figures_for_members
from tenants.documents.selectors import category_freshness
from tenants.information_requests.selectors import information_request_figures
from tenants.figures.selectors import member_figures


def test_figures_count_the_members_content(tetouan_with_content):
    figures = snapshot_refresh_for_member(member=tetouan_with_content).figures
    assert figures["as_of"] == timezone.localdate().isoformat()
    assert figures["programme"]["stage"] == "implementation"
    commitments = figures["commitments"]
    assert commitments["total"] == 3
    assert commitments["by_status"] == {"complete": 1, "late": 2, "ongoing": 0}
    assert commitments["by_completion"] == {
        "no_evidence": 0,
        "not_started": 1,
        "limited": 1,
        "substantial": 0,
        "complete": 1,
    }
    assert commitments["by_principle"]["access_to_information"] == {
        "commitments": 1,
        "percent": 100,
    }
    assert commitments["by_principle"]["citizen_participation"] == {"commitments": 1, "percent": 33}
    assert commitments["by_principle"]["accountability"] == {"commitments": 0, "percent": 0}
    assert figures["milestones"] == {"total": 4, "done": 2, "due": 1, "overdue": 1}

    meetings = figures["meetings"]
    assert meetings["held"] == 2
    assert meetings["by_kind"]["information"] == 0  # still to come
    assert meetings["by_kind"]["monitoring_committee"] == 1
    assert meetings["participants"]["total"] == 20
    assert (meetings["participants"]["women"], meetings["participants"]["men"]) == (9, 11)
    assert meetings["participants"]["women_share"] == 0.45
    assert meetings["participants"]["by_category"]["civil_society"] == {"women": 6, "men": 4}

    assert figures["consultations"] == {
        "consultations": 1,
        "open_consultations": 1,
        "comments": 3,
        "comments_with_response": 2,
        "response_share": 67,
    }
    requests = figures["information_requests"]
    assert (
        requests["received"],
        requests["answered"],
        requests["refused"],
        requests["overdue"],
    ) == (4, 1, 1, 1)
    assert requests["on_time_share"] == 1 / 3  # one on time of the three due
    assert requests["median_days_to_answer"] == 44.0  # 8 and 80 days
    assert figures["petitions"]["total"] == 1 and figures["petitions"]["signatures"] == 3

    documents = figures["documents"]
    assert documents["total"] == 5
    assert documents["by_category"]["budget_accounts"]["count"] == 2
    assert documents["by_category"]["budget_accounts"]["days_since_update"] == 10
    assert documents["by_category"]["reports"] == {
        "count": 0,
        "last_updated": None,
        "days_since_update": None,
    }


def test_the_snapshot_agrees_with_the_members_own_selectors(tetouan_with_content):
    figures = snapshot_refresh_for_member(member=tetouan_with_content).figures
    with tenant_context(tetouan_with_content):
        assert figures["information_requests"] == dict(information_request_figures())
        assert {c.category: c.count for c in category_freshness()} == {
            category: shelf["count"]
            for category, shelf in figures["documents"]["by_category"].items()
        }


def test_the_fast_path_gives_the_same_snapshots_as_the_per_member_path(
    tetouan_with_content, tanger
):
    as_of = timezone.now()
    with tenant_context(tetouan_with_content):
        tetouan_figures = member_figures(as_of=as_of)
    with tenant_context(tanger):
        tanger_figures = member_figures(as_of=as_of)
    fast = figures_for_members(
        schema_names=[tetouan_with_content.schema_name, tanger.schema_name], as_of=as_of
    )
    assert fast == {
        tetouan_with_content.schema_name: tetouan_figures,
        tanger.schema_name: tanger_figures,
    }
    assert tetouan_figures != tanger_figures  # Tanger has none of Tétouan's content
    assert tanger_figures["documents"]["total"] == 0

    # And the stored snapshots, typed columns and scorecard included.
    snapshots_refresh_for_members(member_ids=[tetouan_with_content.pk, tanger.pk], as_of=as_of)
    fast_rows = {s.member_id: _comparable(s) for s in MemberSnapshot.objects.all()}
    for member in (tetouan_with_content, tanger):
        snapshot_refresh_for_member(member=member, as_of=as_of)
    slow_rows = {s.member_id: _comparable(s) for s in MemberSnapshot.objects.all()}
    assert fast_rows == slow_rows and len(fast_rows) == 2


def test_the_fast_path_asks_every_member_in_one_round_trip(tetouan_with_content, tanger):
    connection.set_schema_to_public()
    with CaptureQueriesContext(connection) as queries:
        figures_for_members(schema_names=[tetouan_with_content.schema_name, tanger.schema_name])
    round_trips = [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]
    assert len(round_trips) == 1
    sql = round_trips[0]
    assert f'SET LOCAL search_path TO "{tetouan_with_content.schema_name}"' in sql
    assert f'SET LOCAL search_path TO "{tanger.schema_name}"' in sql
    assert '"programme_commitment"' in sql and '"documents_document"' in sql
    assert "UNION ALL" not in sql  # a statement per member


def test_a_chunk_larger_than_a_round_trip_is_asked_in_several(
    tetouan_with_content, tanger, monkeypatch
):
    as_of = timezone.now()
    schemas = [tetouan_with_content.schema_name, tanger.schema_name]
    together = figures_for_members(schema_names=schemas, as_of=as_of)
    monkeypatch.setattr(sweep, "MEMBERS_PER_ROUND_TRIP", 1)
    connection.set_schema_to_public()
    with CaptureQueriesContext(connection) as queries:
        apart = figures_for_members(schema_names=schemas, as_of=as_of)
    assert len([q for q in queries if not q["sql"].startswith("SET search_path")]) == 2
    assert (
        apart == together and apart[tetouan_with_content.schema_name] != apart[tanger.schema_name]
    )


def test_a_saved_snapshot_keeps_its_values_exactly(tetouan_with_content):
    snapshot = snapshot_refresh_for_member(member=tetouan_with_content)
    stored = MemberSnapshot.objects.get(member=tetouan_with_content)
    assert stored.refreshed_at == snapshot.refreshed_at  # to the microsecond
    assert stored.figures == snapshot.figures and stored.scorecard == snapshot.scorecard
    assert (stored.on_time_share, stored.response_share) == (
        snapshot.on_time_share,
        snapshot.response_share,
    )
    assert stored.score == sum(snapshot.scorecard.values())


def _comparable(snapshot: MemberSnapshot) -> dict:
    return {
        field.name: getattr(snapshot, field.name)
        for field in MemberSnapshot._meta.fields
        if field.name != "refreshed_at"
    }
