"""Spare member schemas, built ahead of time so that onboarding a member is a rename.

Replaying a member's DDL costs one fsync per index PostgreSQL builds (up to 16, btree builds
write outside shared buffers and sync their file at once): with ~130 index builds a schema
that is ~100 ms on this machine's disk, whatever the CPU. Onboarding should not wait for
it. So a few schemas are replayed in advance from the current template, under names no
member has (`spare_<fingerprint>_<random>`), and `member_provision` renames one of them
(`ALTER SCHEMA ... RENAME`, a single catalog row) inside its own transaction. The workers
keep the stock topped up. A spare is only ever taken when its fingerprint is the current
migration graph's, so a spare can never be behind the code: stale ones are dropped.

No table records the spares: the catalog does. Two provisions racing for the same spare are
kept apart by a transaction-level advisory lock on its name.
"""

import logging
import secrets

from django.conf import settings
from django.db import connection, transaction

from network.members.models import SchemaTemplate
from network.members.schema_template import quote_ident, schema_template_current

logger = logging.getLogger(__name__)

PREFIX = "spare_"


def _spare_prefix(template: SchemaTemplate) -> str:
    return f"{PREFIX}{template.fingerprint[:12]}_"


def _spare_names(prefix: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s) ORDER BY nspname",
            [prefix],
        )
        return [row[0] for row in cursor.fetchall()]


def spare_schema_claim(*, schema_name: str, template: SchemaTemplate) -> bool:
    """Rename a spare schema of `template` to `schema_name`; False when none is left.

    Runs in the caller's transaction: a rollback gives the spare back.
    """
    for spare in _spare_names(_spare_prefix(template)):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [spare])
            if not cursor.fetchone()[0]:
                continue  # another provision is taking this one
            # The lock may come right after its previous holder committed the rename.
            cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [spare])
            if cursor.fetchone() is None:
                continue
            cursor.execute(
                f"ALTER SCHEMA {quote_ident(spare)} RENAME TO {quote_ident(schema_name)}"
            )
        return True
    return False


def spare_schemas_refill(*, target: int | None = None) -> dict:
    """Build spares up to `target` for the current template and drop stale ones (public schema).

    Each spare is built and committed on its own, so a failure wastes one spare at most.
    """
    target = settings.MEMBER_SPARE_SCHEMAS if target is None else target
    template = schema_template_current()
    prefix = _spare_prefix(template)
    stale = [name for name in _spare_names(PREFIX) if not name.startswith(prefix)]
    for name in stale:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {quote_ident(name)} CASCADE")
    built = 0
    for _ in range(max(0, target - len(_spare_names(prefix)))):
        name = prefix + secrets.token_hex(4)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE SCHEMA {quote_ident(name)}; "
                f"SET LOCAL search_path TO {quote_ident(name)};\n" + template.sql
            )
        built += 1
    # SET LOCAL ended with each transaction: let django-tenants set its own path again.
    connection.set_tenant(connection.tenant)
    if built or stale:
        logger.info("Spare member schemas: %d built, %d stale dropped", built, len(stale))
    return {"built": built, "dropped": len(stale)}
