"""Many members' figures in one round trip (public schema, reads members' schemas).

The member's selector (tenants/figures/selectors.py) defines each figure as a queryset. Here each
queryset is compiled to SQL once, its table names left as the ORM wrote them, and one query
string asks every member of a chunk at once, each member's statement run under a search path
of that member's schema alone:

    SET LOCAL search_path TO "m_1";
    SELECT 'm_1', json_build_object('programme', (SELECT json_agg(t) FROM
           (<the programme query>) t), ...);
    SET LOCAL search_path TO "m_2";
    SELECT 'm_2', ...

The public schema is not on that path: a figure that reads a table the member's schema does not
have fails loudly ("relation ... does not exist") instead of reading the public schema's.
`SET LOCAL` lasts until the end of the round trip's implicit transaction; inside a caller's
transaction, until the end of a savepoint around the round trip.

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


@lru_cache(maxsize=4)
def _figures_statement_for_members(as_of: datetime) -> str:
    """The SQL asking one member (its schema still a marker) for every figure's rows, with its
    values bound in (by psycopg's own quoting), its tables found on the search path set before
    it; compiled once per instant, which every chunk of a sweep shares. A round trip's query
    then carries no parameters: psycopg sends it by the simple query protocol, several
    statements at once, without parsing it again."""
    from tenants.figures.selectors import figure_queries

    parts = []
    quoting = psycopg.ClientCursor(connection.connection)
    for name, queryset in figure_queries(as_of=as_of).items():
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        sql = quoting.mogrify(sql, params)
        parts.append(f"'{name}', (SELECT coalesce(json_agg(t), '[]'::json) FROM ({sql}) t)")
    return (
        f'SET LOCAL search_path TO "{_SCHEMA}";\n'
        f"SELECT '{_SCHEMA}'::text, json_build_object(" + ", ".join(parts) + ")"
    )


def _quote(schema_name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema_name):
        raise ValueError(f"not a member schema: {schema_name!r}")
    return schema_name


def figures_for_members(
    *, schema_names: list[str], as_of: datetime | None = None
) -> dict[str, dict]:
    """Every given member's figures, {schema_name: figures}, a round trip per
    MEMBERS_PER_ROUND_TRIP members. Runs on the current connection in the public schema; the
    caller closes the connection when it has visited many schemas (their catalog entries stay
    cached in the server process)."""
    from tenants.figures.selectors import figures_from_rows

    if not schema_names:
        return {}
    as_of = as_of or timezone.now()
    today = timezone.localdate(as_of)
    connection.ensure_connection()
    member_sql = _figures_statement_for_members(as_of)
    rows = []
    with connection.cursor() as cursor:
        # Outside a transaction each round trip is its own, and SET LOCAL ends with it. Inside
        # the caller's, the last member's path would outlive the call: the round trip runs in
        # a savepoint, rolled back at its end (it only reads), which undoes its SETs.
        around = (
            (
                ["SAVEPOINT figures_sweep"],
                ["ROLLBACK TO SAVEPOINT figures_sweep", "RELEASE SAVEPOINT figures_sweep"],
            )
            if connection.in_atomic_block
            else ([], [])
        )
        for start in range(0, len(schema_names), MEMBERS_PER_ROUND_TRIP):
            batch = schema_names[start : start + MEMBERS_PER_ROUND_TRIP]
            # No parameters: the simple query protocol, every statement in one go.
            cursor.execute(
                ";\n".join(
                    around[0] + [member_sql.replace(_SCHEMA, _quote(s)) for s in batch] + around[1]
                )
            )
            while True:  # a result per statement; the SETs return no rows
                if cursor.description is not None:
                    rows += cursor.fetchall()
                if not cursor.nextset():
                    break
    # psycopg parses the json column itself (Django only keeps jsonb as text).
    return {schema: figures_from_rows(figure_rows, today=today) for schema, figure_rows in rows}
