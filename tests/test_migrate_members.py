"""The deploy-time migration across members."""

from django.apps import apps
from django.db import connection

from network.members.schema_migrations import (
    migrations_apply_to_members,
    pending_migrations_by_member,
)


def _forget_site_migration(schema: str, *, drop_table: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {schema}.django_migrations WHERE app = 'site'")
        if drop_table:  # every table of the app, whatever models it gains
            tables = ", ".join(
                f"{schema}.{model._meta.db_table}"
                for model in apps.get_app_config("site").get_models()
            )
            cursor.execute(f"DROP TABLE {tables}")


def test_nothing_to_apply(tetouan, tanger):
    report = migrations_apply_to_members()
    assert report.nothing_to_apply and report.members >= 2 and not report.migrated


def test_pending_migrations_are_applied_each_member_in_its_own_transaction(tetouan, tanger):
    # Tétouan lacks the site app's migrations and tables: it must get them back.
    _forget_site_migration(tetouan.schema_name, drop_table=True)
    # Tanger lacks the record but still has the table: its migration fails, it stays as it was.
    _forget_site_migration(tanger.schema_name, drop_table=False)
    assert set(pending_migrations_by_member([tetouan.schema_name, tanger.schema_name])) == {
        tetouan.schema_name,
        tanger.schema_name,
    }

    report = migrations_apply_to_members()

    assert report.migrated == [tetouan.schema_name]
    assert list(report.failed) == [tanger.schema_name]
    assert "already exists" in report.failed[tanger.schema_name]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {tetouan.schema_name}.site_siteprofile")
        assert cursor.fetchone() == (0,)  # the table is back (empty: it was dropped)
        cursor.execute(f"SELECT count(*) FROM {tanger.schema_name}.site_siteprofile")
        assert cursor.fetchone() == (1,)  # untouched
    pending = pending_migrations_by_member([tetouan.schema_name, tanger.schema_name])
    assert list(pending) == [tanger.schema_name]
