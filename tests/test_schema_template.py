"""The rendered template is proven identical to what migrations make."""

from django.db import connection

from network.members.models import SchemaTemplate
from network.members.schema_template import (
    migration_fingerprint,
    migration_nodes,
    schema_template_current,
)
from network.members.services import member_provision

CATALOG_SQL = """
SELECT 'column', c.relname || '.' || a.attname,
       concat_ws(' ', format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
                 a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
                 rank() OVER (PARTITION BY a.attrelid ORDER BY a.attnum))
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = %(schema)s AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'relation', c.relname, c.relkind::text FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s
UNION ALL
SELECT 'constraint', c.relname || '.' || k.conname, k.contype::text || ' ' || pg_get_constraintdef(k.oid)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s
UNION ALL
SELECT 'index', i.indexname, replace(i.indexdef, %(schema)s || '.', '')
FROM pg_indexes i WHERE i.schemaname = %(schema)s
UNION ALL
SELECT 'sequence', s.sequencename, concat_ws(' ', s.data_type, s.start_value, s.increment_by)
FROM pg_sequences s WHERE s.schemaname = %(schema)s
UNION ALL
SELECT 'migration', app || '.' || name, '' FROM {schema}.django_migrations
UNION ALL
SELECT 'content type', app_label || '.' || model, '' FROM {schema}.django_content_type
UNION ALL
SELECT 'permission', ct.app_label || '.' || p.codename, p.name
FROM {schema}.auth_permission p JOIN {schema}.django_content_type ct ON ct.id = p.content_type_id
"""


def catalog(schema: str) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(CATALOG_SQL.format(schema=schema), {"schema": schema})
        # Definitions name their own schema (REFERENCES m_x.auth_user): compare without it.
        return {
            (kind, name, value.replace(schema + ".", "")) for kind, name, value in cursor.fetchall()
        }


def test_a_replayed_schema_is_identical_to_a_migrated_one(network, db):
    replayed = member_provision(hcp_code="03.531.03.23", builder="template").member
    migrated = member_provision(hcp_code="02.411.01.23", builder="migrations").member
    connection.set_schema_to_public()

    replayed_catalog, migrated_catalog = (
        catalog(replayed.schema_name),
        catalog(migrated.schema_name),
    )
    assert replayed_catalog == migrated_catalog
    kinds = {row[0] for row in migrated_catalog}
    assert {"column", "constraint", "index", "migration", "permission"} <= kinds
    # Lean: only what a member needs, none of the network's tables.
    tables = {name for kind, name, value in migrated_catalog if kind == "relation" and value == "r"}
    assert "site_siteprofile" in tables
    assert not {"members_member", "registry_collectivity", "members_domain"} & tables


def test_the_template_records_every_migration_of_the_project(network, db):
    template = schema_template_current()
    assert template.fingerprint == migration_fingerprint()
    assert template.migration_count == len(migration_nodes())
    for app, name in migration_nodes():
        assert f"('{app}', '{name}'" in template.sql


def test_a_new_migration_gives_a_new_template(network, db, monkeypatch):
    schema_template_current()
    before = migration_fingerprint()
    nodes = migration_nodes()
    monkeypatch.setattr(
        "network.members.schema_template.migration_nodes",
        lambda: nodes + (("site", "9999_imagined"),),
    )
    assert migration_fingerprint() != before
    assert not SchemaTemplate.objects.filter(fingerprint=migration_fingerprint()).exists()


def test_a_spare_schema_becomes_the_member_and_is_identical_to_a_replayed_one(network, db):
    from network.members.spares import PREFIX, spare_schemas_refill

    def spares() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", [PREFIX]
            )
            return [row[0] for row in cursor.fetchall()]

    assert spare_schemas_refill(target=2)["built"] == 2
    assert spare_schemas_refill(target=2)["built"] == 0  # already stocked
    before = set(spares())
    from_spare = member_provision(hcp_code="03.531.03.23").member
    assert len(set(spares()) & before) == 1  # one was taken, by a rename
    replayed = member_provision(hcp_code="02.411.01.23", builder="replay").member
    assert len(spares()) == 1  # the forced replay took none
    connection.set_schema_to_public()
    assert catalog(from_spare.schema_name) == catalog(replayed.schema_name)


def test_spares_of_an_older_template_are_never_used_and_are_dropped(network, db):
    from network.members.spares import PREFIX, spare_schemas_refill

    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{PREFIX}000000000000_old"')
    assert spare_schemas_refill(target=0) == {"built": 0, "dropped": 1}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_namespace WHERE nspname = %s", [f"{PREFIX}000000000000_old"]
        )
        assert cursor.fetchone() is None
