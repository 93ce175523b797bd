"""Migrating every member schema in seconds (public schema, crossing into every member).

The stock `migrate_schemas` introspects the catalog schema by schema (~6 minutes at ~1,600
schemas with nothing to apply). Here one query reads every member's django_migrations, members
are grouped by what they have applied, the SQL of each group's pending migrations is rendered
once, and each member replays it in its own transaction together with its migration records.
A migration that cannot be written as SQL (RunPython) falls back to the stock executor.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from network.members.models import Member
from network.members.schema_template import (
    content_types_and_permissions_sql,
    migrate_schema_stock,
    migration_nodes,
    quote_ident,
    quote_literal,
    schema_template_current,
)

logger = logging.getLogger(__name__)

Node = tuple[str, str]
# A connection that visits many schemas grows a large catalog cache: start afresh this often.
RECONNECT_EVERY = 200
# Schemas read per statement when collecting what each member has applied.
READ_BATCH = 2000


@dataclass
class MigrationReport:
    members: int = 0
    migrated: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    pending_by_member: dict[str, list[Node]] = field(default_factory=dict)

    @property
    def nothing_to_apply(self) -> bool:
        return not self.pending_by_member


def member_schema_names() -> list[str]:
    return list(Member.objects.ready().values_list("schema_name", flat=True))


def applied_migrations_for_each_member(schemas: list[str]) -> dict[str, set[Node]]:
    """What every schema has applied, read in one query per READ_BATCH schemas."""
    applied: dict[str, set[Node]] = {s: set() for s in schemas}
    for start in range(0, len(schemas), READ_BATCH):
        batch = schemas[start : start + READ_BATCH]
        sql = " UNION ALL ".join(
            f"SELECT {quote_literal(s)}, app, name FROM {quote_ident(s)}.django_migrations"
            for s in batch
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            for schema, app, name in cursor.fetchall():
                applied[schema].add((app, name))
    return applied


def pending_migrations_by_member(schemas: list[str]) -> dict[str, list[Node]]:
    nodes = migration_nodes()
    pending = {}
    for schema, applied in applied_migrations_for_each_member(schemas).items():
        missing = [node for node in nodes if node not in applied]
        if missing:
            pending[schema] = missing
    return pending


def _tenant_app_labels() -> set[str]:
    return {
        config.label for config in apps.get_app_configs() if config.name in settings.TENANT_APPS
    }


def _render_pending_sql(*, sample_schema: str, pending: list[Node]) -> str | None:
    """The SQL of `pending` as it applies to schemas like `sample_schema`, or None when a
    migration of a member app cannot be written as SQL."""
    tenant_labels = _tenant_app_labels()
    applied = [node for node in migration_nodes() if node not in set(pending)]
    connection.set_schema(sample_schema)
    try:
        loader = MigrationExecutor(connection).loader
        migrations = [loader.graph.nodes[node] for node in pending]
        if any(
            migration.app_label in tenant_labels
            and not all(op.reduces_to_sql for op in migration.operations)
            for migration in migrations
        ):
            return None
        # The state every applied migration leaves (not only the first pending one's
        # ancestors: a later pending migration may depend on any applied app).
        state = loader.project_state(applied, at_end=True)
        statements: list[str] = []
        for migration in migrations:
            with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
                state = migration.apply(state, editor, collect_sql=True)
            statements += editor.collected_sql
    finally:
        connection.set_schema_to_public()
    records = ", ".join(
        f"({quote_literal(app)}, {quote_literal(name)}, now())" for app, name in pending
    )
    body = "\n".join(s for s in statements if not s.startswith("--"))
    return (
        body
        + f"\nINSERT INTO django_migrations (app, name, applied) VALUES {records};\n"
        + content_types_and_permissions_sql()
    )


def _apply_sql_to_member(schema: str, sql: str) -> None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL search_path TO {quote_ident(schema)}, public;\n" + sql)
    connection.set_tenant(connection.tenant)


def _apply_stock_to_member(schema: str) -> None:
    with transaction.atomic():
        migrate_schema_stock(schema)


def migrations_apply_to_members(
    *, dry_run: bool = False, progress: Callable[[int], None] | None = None
) -> MigrationReport:
    """Apply every pending migration to every ready member; one transaction per member.

    A member whose migration fails is left as it was and reported; the others go on.
    """
    schemas = member_schema_names()
    report = MigrationReport(members=len(schemas))
    report.pending_by_member = pending_migrations_by_member(schemas)
    if dry_run or report.nothing_to_apply:
        return report

    groups: dict[tuple[Node, ...], list[str]] = {}
    for schema, pending in report.pending_by_member.items():
        groups.setdefault(tuple(pending), []).append(schema)

    done = 0
    for pending, members in groups.items():
        sql = _render_pending_sql(sample_schema=members[0], pending=list(pending))
        for schema in members:
            try:
                if sql is None:
                    _apply_stock_to_member(schema)
                else:
                    _apply_sql_to_member(schema, sql)
                report.migrated.append(schema)
            except Exception as error:  # reported per member; the others go on
                logger.exception("Migration failed for %s", schema)
                report.failed[schema] = str(error).strip()
            done += 1
            if progress:
                progress(1)
            if done % RECONNECT_EVERY == 0:
                connection.close()
    # The template follows the new migrations (rendered now rather than at the next onboarding).
    schema_template_current()
    return report
