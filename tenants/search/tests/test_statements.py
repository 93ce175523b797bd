"""How a search reaches the database (bench/search.py measures the cost): the matches found
once for the counts and the page, the planner's settings for this search only, and indexes
without a pending list, in every member's schema."""

from datetime import date

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.documents.selectors import document_library
from tenants.documents.tests.factories import document_factory
from tenants.search.selectors import site_search
from kernel.full_text import PLANNER_SETTINGS
from tenants.search.vectors import SOURCES


def _searches(queries) -> list[str]:
    """The statements that matched rows against a query (the vectors' `@@`)."""
    return [
        query["sql"]
        for query in queries
        if "@@" in query["sql"] and "ts_headline" not in query["sql"]
    ]


def _settings() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["current_setting(%s)"] * len(PLANNER_SETTINGS)),
            list(PLANNER_SETTINGS),
        )
        return dict(zip(PLANNER_SETTINGS, cursor.fetchone()))


@pytest.fixture
def minutes(tetouan, in_member):
    with in_member(tetouan):
        for number in range(13):
            document_factory(
                title_ar=f"محضر الدورة رقم {number}", published_on=date(2025, 1, 1 + number)
            )


@pytest.mark.parametrize("number, shown", [(1, 10), (2, 3)])
def test_counts_and_page_come_from_one_statement(minutes, tetouan, in_member, number, shown):
    with in_member(tetouan), CaptureQueriesContext(connection) as queries:
        results = site_search(query="المحضر", page=number, page_size=10)
        page = Paginator(results, 10).get_page(number)
        titles = [str(result.title) for result in page]
        assert results.counts == {"document": 13}
    assert len(_searches(queries)) == 1
    assert len(titles) == shown
    # Newest first among equal ranks, across the pages.
    expected = 12 - (number - 1) * 10
    assert titles[0] == f"<mark>محضر</mark> الدورة رقم {expected}"


def test_a_page_not_announced_is_still_read(minutes, tetouan, in_member):
    with in_member(tetouan):
        results = site_search(query="المحضر")  # expecting the first page
        second = Paginator(results, 10).get_page(2)
        assert [str(result.title) for result in second][-1] == "<mark>محضر</mark> الدورة رقم 0"


def test_the_planner_settings_last_for_the_search_only(minutes, tetouan, in_member):
    with in_member(tetouan):
        before = _settings()
        assert before["enable_seqscan"] == "on"
        list(Paginator(site_search(query="المحضر"), 10).get_page(1))
        assert _settings() == before
        assert len(Paginator(document_library(query="المحضر"), 20).get_page(1)) == 13
        assert _settings() == before


def test_the_library_search_is_read_with_the_planner_settings(minutes, tetouan, in_member):
    with in_member(tetouan), CaptureQueriesContext(connection) as queries:
        documents = document_library(query="المحضر")
        assert documents.count() == 13
        assert len(list(documents.filter(published_on__year=2025)[:5])) == 5
    statements = [query["sql"] for query in queries]
    for search in _searches(queries):
        changed = statements[statements.index(search) - 1]
        assert "set_config('enable_seqscan', 'off', true)" in changed
        assert "set_config('max_parallel_workers_per_gather', '0', true)" in changed
    assert len(_searches(queries)) == 2


def test_every_members_search_indexes_have_no_pending_list(tetouan, tanger):
    """Members' schemas are replayed from the template's DDL (network/members/
    schema_template.py): the storage parameter must come along."""
    names = [f"search_{kind}_fts" for kind in SOURCES]  # migration 0001
    # The titles have their own index where they are not the whole vector (migration 0002).
    names += [
        f"search_{kind}_title_fts"
        for kind, source in SOURCES.items()
        if source.titled.vector_sql() != source.vector_sql()
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, c.relname, c.reloptions FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = ANY(%s) AND n.nspname = ANY(%s)",
            [names, [tetouan.schema_name, tanger.schema_name]],
        )
        rows = cursor.fetchall()
    assert len(rows) == 2 * len(names)
    assert all(options == ["fastupdate=off"] for _schema, _name, options in rows)
