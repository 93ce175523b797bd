"""The sweep reads each member's figures in that member's schema and nowhere else: a table
the member's schema does not have is an error, never the public schema's table of that name."""

import pytest
from django.db import DatabaseError, connection, transaction

from network.aggregation import sweep
from network.aggregation.sweep import figures_for_members
from network.members.models import Member
from tenants.figures import selectors as figures


@pytest.fixture
def a_figure_on_a_public_table(monkeypatch):
    """A figure whose table lives in the public schema only (the network's members): a
    mistake the sweep must not answer with the network's rows."""
    own = figures.figure_queries

    def with_a_stray_figure(*, as_of):
        return {**own(as_of=as_of), "members": Member.objects.order_by().values("pk")}

    monkeypatch.setattr(figures, "figure_queries", with_a_stray_figure)
    sweep._figures_statement_for_members.cache_clear()
    yield
    sweep._figures_statement_for_members.cache_clear()


def test_a_figure_on_a_table_the_member_lacks_fails_loudly(tetouan, a_figure_on_a_public_table):
    connection.set_schema_to_public()
    assert Member.objects.exists()  # the public schema has the table, with rows
    with pytest.raises(DatabaseError, match="members_member"), transaction.atomic():
        figures_for_members(schema_names=[tetouan.schema_name])


def test_the_callers_search_path_is_back_after_a_sweep_in_its_transaction(tetouan, tanger):
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        before = cursor.fetchone()[0]
    with transaction.atomic():
        found = figures_for_members(schema_names=[tetouan.schema_name, tanger.schema_name])
        with connection.cursor() as cursor:
            cursor.execute("SHOW search_path")
            assert cursor.fetchone()[0] == before
        assert Member.objects.filter(schema_name=tanger.schema_name).exists()  # public again
    assert set(found) == {tetouan.schema_name, tanger.schema_name}


def test_a_schema_name_that_is_not_one_is_refused(tetouan):
    with pytest.raises(ValueError):
        figures_for_members(schema_names=['m_1"; DROP TABLE x; --'])
