"""Many members' figures in one SQL statement (public schema, reads members' schemas).

The member's selector (tenants/site/figures.py) defines each figure as a queryset. Here each
queryset is compiled to SQL once, its tables (the member apps' db_table names, so this
follows the models) are qualified with a schema, and one statement asks every member of a
chunk at once:

    SELECT 'm_1' AS schema_name, json_build_object('programme', (SELECT json_agg(t) FROM
           (<the programme query on "m_1"."programme_programme">) t), ...)
    UNION ALL SELECT 'm_2', ...

The rows come back as JSON and go through the selector's own `figures_from_rows`: both paths
compute the same figures.
"""
import re
from datetime import datetime
from functools import lru_cache

import psycopg
from django.db import connection
from django.utils import timezone

_SCHEMA = "\x00schema\x00"


@lru_cache(maxsize=1)
def _table_pattern() -> re.Pattern:
    from tenants.site.figures import figure_tables

    tables = sorted(figure_tables(), key=len, reverse=True)
    return re.compile('"(' + "|".join(re.escape(t) for t in tables) + ')"')


@lru_cache(maxsize=4)
def _member_statement(as_of: datetime) -> str:
    """The SQL asking one member (its schema still a marker) for every figure's rows, with its
    values bound in (by psycopg's own quoting); compiled once per instant, which every chunk
    of a sweep shares. A chunk's statement then carries no parameters: psycopg does not parse
    a large statement again for placeholders."""
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
    """Every given member's figures, {schema_name: figures}, in one statement. Runs on the
    current connection in the public schema; the caller closes the connection when it has
    visited many schemas (their catalog entries stay cached in the server process)."""
    from tenants.site.figures import figures_from_rows

    if not schema_names:
        return {}
    as_of = as_of or timezone.now()
    today = timezone.localdate(as_of)
    connection.ensure_connection()
    member_sql = _member_statement(as_of)
    sql = "\nUNION ALL\n".join(member_sql.replace(_SCHEMA, _quote(s)) for s in schema_names)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return {schema: figures_from_rows(_as_json(figure_rows), today=today)
            for schema, figure_rows in rows}


def _as_json(value):
    import json

    return json.loads(value) if isinstance(value, str) else value
