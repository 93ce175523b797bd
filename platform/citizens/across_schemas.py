"""The same question put to many members' schemas in one round trip (the recount of due dates
after a holiday decision, workers/holidays.py).

A member's table is the same table in every schema. A statement is written once, with the
member's tables qualified by a marker, then sent once per schema in one query string, the way
network/aggregation/sweep.py asks for the figures: no parameters (values bound in by psycopg's
own quoting), so psycopg uses the simple query protocol and sends every statement at once;
a result comes back per statement, in order. A query string holds the statements of at most
SCHEMAS_PER_ROUND_TRIP schemas: they run in one transaction, which holds a lock on every table
and index they touch until it ends (the server's lock table is shared by every worker).
"""

import re
from collections.abc import Sequence
from functools import lru_cache

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet

SCHEMAS_PER_ROUND_TRIP = 25
_SCHEMA = "\x00schema\x00"
_MEMBER_SCHEMA = re.compile(r"[a-z_][a-z0-9_]*")


def schema_checked(schema_name: str) -> str:
    """`schema_name`, safe to write into SQL unquoted, or ValueError."""
    if not _MEMBER_SCHEMA.fullmatch(schema_name) or schema_name == "public":
        raise ValueError(f"not a member schema: {schema_name!r}")
    return schema_name


def bound(sql: str, params: Sequence = ()) -> str:
    """`sql` with `params` bound in (psycopg's quoting, typed: a date becomes '…'::date)."""
    connection.ensure_connection()
    return psycopg.ClientCursor(connection.connection).mogrify(sql, params)


def table(model: type[Model], schema_name: str) -> str:
    """The model's table in a member's schema, qualified."""
    return f'"{schema_checked(schema_name)}"."{model._meta.db_table}"'


def statements_run(statements: Sequence[str], *, per_schema: int = 1) -> list[list[tuple]]:
    """Run statements that each return rows (a SELECT, an UPDATE … RETURNING), `per_schema`
    a schema, SCHEMAS_PER_ROUND_TRIP schemas a round trip, on the current connection; their
    rows, in order. Inside the caller's transaction when there is one."""
    results, size = [], SCHEMAS_PER_ROUND_TRIP * per_schema
    with connection.cursor() as cursor:
        for start in range(0, len(statements), size):
            cursor.execute(";\n".join(statements[start : start + size]))
            while True:
                results.append(cursor.fetchall() if cursor.description is not None else [])
                if not cursor.nextset():
                    break
    return results


@lru_cache(maxsize=1)
def _member_tables() -> re.Pattern:
    """The tables every member's schema holds (the models of TENANT_APPS), as SQL names."""
    tables = {
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name in settings.TENANT_APPS
        for model in config.get_models()
    }
    return re.compile(
        '"(' + "|".join(re.escape(t) for t in sorted(tables, key=len, reverse=True)) + ')"'
    )


def _in_schema(sql: str) -> str:
    """`sql` with every member table qualified by the schema marker."""
    return _member_tables().sub(lambda m: f'"{_SCHEMA}"."{m.group(1)}"', sql)


def querysets_in_schemas(
    querysets: Sequence[QuerySet], schema_names: Sequence[str]
) -> dict[str, list[list]]:
    """Every queryset run in every schema, {schema_name: [rows of each queryset]}: a model
    queryset gives instances (every field loaded), a `values_list` one tuples. Each is
    compiled once; the tables of the member apps it names (subqueries included) are those
    of the schema; SCHEMAS_PER_ROUND_TRIP schemas a round trip."""
    compiled = []
    for queryset in querysets:
        model = queryset.model
        names = None
        if queryset._fields is None:  # a model queryset: its fields, in order
            names = [field.attname for field in model._meta.concrete_fields]
            queryset = queryset.values_list(*names)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        compiled.append((_in_schema(bound(sql, params)), model, names, compiler, converters))
    statements = [
        sql.replace(_SCHEMA, schema_checked(schema_name))
        for schema_name in schema_names
        for sql, *_ in compiled
    ]
    results = iter(statements_run(statements, per_schema=len(compiled)))
    found = {}
    for schema_name in schema_names:
        found[schema_name] = []
        for _sql, model, names, compiler, converters in compiled:
            rows = next(results)
            if converters:
                rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
            found[schema_name].append(
                rows
                if names is None
                else [model.from_db(connection.alias, names, row) for row in rows]
            )
    return found
