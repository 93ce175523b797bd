"""Many members' figures in one round trip (public schema, reads members' schemas).

The member's selector (tenants/site/figures.py) defines each figure as a queryset. Here each
queryset is compiled to SQL once, its tables (the member apps' db_table names, so this
follows the models) are qualified with a schema, and one query string asks every member of
a chunk at once, a statement per member:

    SELECT 'm_1', json_build_object('programme', (SELECT json_agg(t) FROM
           (<the programme query on "m_1"."programme_programme">) t), ...);
    SELECT 'm_2', ...

A statement per member rather than one UNION ALL over the chunk: PostgreSQL plans 25 small
statements with a quarter less CPU than one statement of 25 branches (bench/RESULTS.md), and
the simple query protocol still sends them in one round trip. The rows come back as JSON and
go through the selector's own `figures_from_rows`: both paths compute the same figures.

One query string holds at most MEMBERS_PER_ROUND_TRIP members: its statements run in one
implicit transaction, which locks every table and index it reads until it ends (~50 a
member; the server's lock table holds max_locks_per_transaction x max_connections, 6,400 by
default, shared by every worker).
"""
import re
from datetime import datetime
from functools import lru_cache

import psycopg
from django.db import connection
from django.utils import timezone

_SCHEMA = "\x00schema\x00"
MEMBERS_PER_ROUND_TRIP = 25


@lru_cache(maxsize=1)
def _table_pattern() -> re.Pattern:
    from tenants.site.figures import figure_tables

    tables = sorted(figure_tables(), key=len, reverse=True)
    return re.compile('"(' + "|".join(re.escape(t) for t in tables) + ')"')


@lru_cache(maxsize=4)
def _member_statement(as_of: datetime) -> str:
    """The SQL asking one member (its schema still a marker) for every figure's rows, with its
    values bound in (by psycopg's own quoting); compiled once per instant, which every chunk
    of a sweep shares. A round trip's query then carries no parameters: psycopg sends it by
    the simple query protocol, several statements at once, without parsing it again."""
    from tenants.site.figures import figure_queries

    parts = []
    quoting = psycopg.ClientCursor(connection.connection)
    for name, queryset in figure_queries(as_of=as_of).items():
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        sql = quoting.mogrify(sql, params)
        sql = _table_pattern().sub(lambda m: f'"{_SCHEMA}"."{m.group(1)}"', sql)
        parts.append(f"'{name}', (SELECT coalesce(json_agg(t), '[]'::json) FROM ({sql}) t)")
    return f"SELECT '{_SCHEMA}'::text, json_build_object(" + ", ".join(parts) + ")"


def _quote(schema_name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema_name):
        raise ValueError(f"not a member schema: {schema_name!r}")
    return schema_name


def figures_for_members(*, schema_names: list[str],
                        as_of: datetime | None = None) -> dict[str, dict]:
    """Every given member's figures, {schema_name: figures}, a round trip per
    MEMBERS_PER_ROUND_TRIP members. Runs on the current connection in the public schema; the
    caller closes the connection when it has visited many schemas (their catalog entries stay
    cached in the server process)."""
    from tenants.site.figures import figures_from_rows

    if not schema_names:
        return {}
    as_of = as_of or timezone.now()
    today = timezone.localdate(as_of)
    connection.ensure_connection()
    member_sql = _member_statement(as_of)
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(schema_names), MEMBERS_PER_ROUND_TRIP):
            batch = schema_names[start:start + MEMBERS_PER_ROUND_TRIP]
            # No parameters: the simple query protocol, every statement in one go.
            cursor.execute(";\n".join(member_sql.replace(_SCHEMA, _quote(s)) for s in batch))
            rows += cursor.fetchall()
            while cursor.nextset():  # a result per statement
                rows += cursor.fetchall()
    # psycopg parses the json column itself (Django only keeps jsonb as text).
    return {schema: figures_from_rows(figure_rows, today=today)
            for schema, figure_rows in rows}
