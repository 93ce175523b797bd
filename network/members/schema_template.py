"""A member's schema, created by replaying DDL rendered once from a migrated template schema.

Running every migration for each new member (or django-tenants' clone_schema) costs 0.7-0.9 s
a member once the catalog holds ~1,600 schemas. Replaying the final DDL in one round trip
costs a few tens of milliseconds. The DDL is read back from the catalog of a template schema
that the ordinary migration executor keeps up to date, so it is exactly what migrations
produce (tests/test_schema_template.py compares the two catalogs).
"""

import hashlib
import json
import logging
import re
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import _get_all_permissions
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django_tenants.utils import schema_exists

from network.members.models import SchemaTemplate

logger = logging.getLogger(__name__)

# Serializes rendering across processes (provisioning workers start in parallel).
TEMPLATE_LOCK_ID = 0x1AF17A4


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@lru_cache(maxsize=1)
def migration_nodes() -> tuple[tuple[str, str], ...]:
    """Every migration of the project, in an order that respects dependencies.

    A member schema records all of them, the shared apps' included (django-tenants' router
    turns those into no-ops there), exactly as the stock executor does.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node not in seen:
                seen.add(node)
                plan.append(node)
    return tuple(plan)


def migration_fingerprint() -> str:
    nodes = sorted(migration_nodes())
    return hashlib.sha256(repr(nodes).encode()).hexdigest()


def migrate_schema_stock(schema_name: str) -> None:
    """The ordinary path: Django's executor runs every pending migration in `schema_name`."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {quote_ident(schema_name)}")
    # The schema's own django_migrations first, or the public one would be found on the path.
    connection.set_schema(schema_name, include_public=False)
    MigrationRecorder(connection).ensure_schema()
    connection.set_schema(schema_name)
    try:
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        executor.migrate(targets, plan=executor.migration_plan(targets))
        # What `manage.py migrate` does next: content types and permissions.
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    finally:
        connection.set_schema_to_public()


# The catalog, read with search_path set to the template alone so that every name comes back
# unqualified and the DDL replays into whatever schema is first on the path.
TABLES_SQL = """
SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind IN ('r', 'p') ORDER BY c.relname
"""
COLUMNS_SQL = """
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""
CONSTRAINTS_SQL = """
SELECT c.relname, k.conname, pg_get_constraintdef(k.oid), k.contype
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
WHERE k.conrelid = ANY(%s) AND k.contype IN ('p', 'u', 'c', 'x', 'f')
ORDER BY CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 2 WHEN 'c' THEN 3
         ELSE 4 END, c.relname, k.conname
"""
# Indexes that back a primary key, unique or exclusion constraint come with the constraint.
INDEXES_SQL = """
SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY(%s) AND NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
ORDER BY ic.relname
"""
OTHER_OBJECTS_SQL = """
SELECT c.relkind, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind NOT IN ('r', 'p', 'i', 'S')
UNION ALL
SELECT 'S', c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind = 'S' AND NOT EXISTS (
    SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')
"""


def _column_sql(name, type_sql, not_null, default, identity, generated, collation) -> str:
    parts = [quote_ident(name), type_sql]
    if collation:
        parts.append(f"COLLATE {quote_ident(collation)}")
    if generated == "s":
        parts.append(f"GENERATED ALWAYS AS ({default}) STORED")
    elif default is not None:
        parts.append(f"DEFAULT {default}")
    if identity == "a":
        parts.append("GENERATED ALWAYS AS IDENTITY")
    elif identity == "d":
        parts.append("GENERATED BY DEFAULT AS IDENTITY")
    if not_null:
        parts.append("NOT NULL")
    return " ".join(parts)


@transaction.atomic
def render_schema_ddl(schema_name: str) -> str:
    """Read `schema_name`'s tables, constraints, indexes and migration records back as SQL."""
    with connection.cursor() as cursor:
        cursor.execute(OTHER_OBJECTS_SQL, [schema_name, schema_name])
        unsupported = cursor.fetchall()
        if unsupported:
            # Views, functions or free sequences would need rendering too: refuse, loudly.
            raise RuntimeError(
                f"The template schema holds objects the renderer does not replay: {unsupported}"
            )
        cursor.execute("SELECT set_config('search_path', %s, true)", [quote_ident(schema_name)])
        cursor.execute(TABLES_SQL, [schema_name])
        tables = cursor.fetchall()
        oids = [oid for oid, _ in tables]
        cursor.execute(COLUMNS_SQL, [oids])
        columns: dict[int, list[str]] = {}
        for relid, *column in cursor.fetchall():
            columns.setdefault(relid, []).append(_column_sql(*column))
        cursor.execute(CONSTRAINTS_SQL, [oids])
        constraints = cursor.fetchall()
        cursor.execute(INDEXES_SQL, [oids])
        # pg_get_indexdef() qualifies the table whatever the search_path: drop the qualifier.
        qualifier = re.compile(
            rf" ON (ONLY )?(?:{re.escape(quote_ident(schema_name))}|{re.escape(schema_name)})\."
        )
        indexes = [qualifier.sub(r" ON \1", row[0], count=1) for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT app, name FROM {quote_ident(schema_name)}.django_migrations ORDER BY id"
        )
        migrations = cursor.fetchall()

    statements = [
        f"CREATE TABLE {quote_ident(name)} ({', '.join(columns[oid])})" for oid, name in tables
    ]
    statements += [
        f"ALTER TABLE {quote_ident(table)} ADD CONSTRAINT {quote_ident(name)} {definition}"
        for table, name, definition, _ in constraints
    ]
    statements += indexes
    if migrations:
        values = ", ".join(
            f"({quote_literal(app)}, {quote_literal(name)}, now())" for app, name in migrations
        )
        statements.append(f"INSERT INTO django_migrations (app, name, applied) VALUES {values}")
    # set_config(..., true) above lasted for this transaction only; have django-tenants
    # issue its own search_path again on the next query.
    connection.set_tenant(connection.tenant)
    return ";\n".join(statements) + ";\n"


def content_types_and_permissions_sql() -> str:
    """Idempotent SQL giving a schema the content types and permissions of every model,
    as Django's post_migrate handlers do (which neither replay nor SQL migrations run)."""
    content_types, permissions = [], []
    for model in apps.get_models():
        opts = model._meta
        content_types.append({"app_label": opts.app_label, "model": opts.model_name})
        permissions += [
            {
                "app_label": opts.app_label,
                "model": opts.model_name,
                "codename": codename,
                "name": str(name),
            }
            for codename, name in _get_all_permissions(opts)
        ]
    return (
        "INSERT INTO django_content_type (app_label, model) SELECT app_label, model FROM "
        f"json_to_recordset({quote_literal(json.dumps(content_types))}) "
        "AS t(app_label text, model text) ON CONFLICT DO NOTHING;\n"
        "INSERT INTO auth_permission (name, content_type_id, codename) "
        "SELECT p.name, ct.id, p.codename FROM "
        f"json_to_recordset({quote_literal(json.dumps(permissions))}) "
        "AS p(app_label text, model text, codename text, name text) "
        "JOIN django_content_type ct ON ct.app_label = p.app_label AND ct.model = p.model "
        "ON CONFLICT DO NOTHING;\n"
    )


def schema_template_current() -> SchemaTemplate:
    """The DDL for the current migrations, rendered on first use after any migration change."""
    fingerprint = migration_fingerprint()
    template = SchemaTemplate.objects.filter(fingerprint=fingerprint).first()
    if template:
        return template
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TEMPLATE_LOCK_ID])
        template = SchemaTemplate.objects.filter(fingerprint=fingerprint).first()
        if template:
            return template
        template_schema = settings.MEMBER_TEMPLATE_SCHEMA
        logger.info("Rendering the member schema template (%s)", fingerprint[:12])
        migrate_schema_stock(template_schema)
        sql = render_schema_ddl(template_schema) + content_types_and_permissions_sql()
        return SchemaTemplate.objects.create(
            fingerprint=fingerprint, sql=sql, migration_count=len(migration_nodes())
        )


def schema_create_from_template(*, schema_name: str, template: SchemaTemplate) -> None:
    """Create `schema_name` with every table and migration record, in one round trip.

    Must run inside the caller's transaction: a failure leaves no schema behind.
    """
    if schema_exists(schema_name):
        raise RuntimeError(f"Schema {schema_name} already exists")
    quoted = quote_ident(schema_name)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE SCHEMA {quoted}; SET LOCAL search_path TO {quoted};\n" + template.sql
        )
    # The SET LOCAL above lasts until commit: make django-tenants set its own path again.
    connection.set_tenant(connection.tenant)
