"""One member backed up, restored and moved: its schema's rows and its files in one archive
(public schema, crossing into the member's).

The archive is a tar (gzip when its name ends in .gz or .tgz) holding `manifest.json`, one
`tables/<table>.copy` per table of the member's schema and `files/<name>` for each of its
files. The rows are PostgreSQL's COPY text format, read in one REPEATABLE READ snapshot, not a
pg_dump: pg_dump refuses a server of a newer major version than itself (Debian's 15 against
the embedded 16), brings owners and grants another server may not have, and would restore a
structure of its own. Here the structure always comes from the importing deployment's own
schema template, the migration states must be equal or the import refuses, and only the rows
travel. The manifest holds the HCP code, the schema, the migrations applied, the row count
and SHA-256 of every table, and every file with its size and SHA-256: the import checks
them all before the member is served again.
"""

import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists, tenant_context

from network.members.models import Domain, Member
from network.members.schema_template import (
    migration_nodes,
    quote_ident,
    schema_create_from_template,
    schema_template_current,
)
from network.members.services import ProvisioningError, _ensure_domains_free, member_default_domain
from network.members.spares import spare_schema_claim
from network.registry.selectors import collectivity_get
from tenancy.routing import routing_forget_hosts

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
# A table's rows stay in memory up to this size on their way into the archive, then spill.
SPOOL_BYTES = 64 * 1024 * 1024

# Every table of a schema with the columns COPY can write (generated ones are computed).
TABLES_SQL = """
SELECT c.relname, array_agg(a.attname::text ORDER BY a.attnum)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     AND a.attgenerated = ''
WHERE n.nspname = %s AND c.relkind IN ('r', 'p')
GROUP BY c.relname ORDER BY c.relname
"""
# Columns fed by a sequence (identity or serial): their next value must follow the rows.
SEQUENCES_SQL = """
SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = %s AND c.relkind IN ('r', 'p')
  AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                             a.attname) IS NOT NULL
"""


class TransferError(Exception):
    """An export or import that cannot be honoured; the message is for the operator."""


@dataclass
class TransferOutcome:
    member: Member
    manifest: dict
    seconds: float
    replaced: bool = False

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.manifest["tables"].values())

    @property
    def files_bytes(self) -> int:
        return sum(entry["size"] for entry in self.manifest["files"])


def _qualified(schema: str, table: str) -> str:
    return f"{quote_ident(schema)}.{quote_ident(table)}"


def _tables(schema: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(TABLES_SQL, [schema])
        return {name: list(columns) for name, columns in cursor.fetchall()}


def _migrations(schema: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {_qualified(schema, 'django_migrations')}")
        return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def _code_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in migration_nodes())


class _Hashing:
    """A readable file that hashes and counts what goes through it."""

    def __init__(self, raw: IO[bytes]):
        self.raw, self.digest, self.size = raw, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add(archive: tarfile.TarFile, name: str, fileobj: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o644
    archive.addfile(info, fileobj)


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Every table read as of one moment. In a caller's transaction (tests), read in it."""
    if connection.in_atomic_block:
        yield
        return
    with connection.cursor():
        pass  # connection, health check and search_path first: SET TRANSACTION must lead
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _tables_export(*, schema: str, archive: tarfile.TarFile) -> dict[str, dict]:
    tables = {}
    with connection.cursor() as cursor:
        for table, columns in _tables(schema).items():
            column_list = ", ".join(quote_ident(c) for c in columns)
            digest, rows, size = hashlib.sha256(), 0, 0
            with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
                with cursor.cursor.copy(
                    f"COPY {_qualified(schema, table)} ({column_list}) TO STDOUT"
                ) as copy:
                    for block in copy:
                        block = bytes(block)
                        spool.write(block)
                        digest.update(block)
                        # Text format: one line a row (newlines inside values are escaped).
                        rows += block.count(b"\n")
                        size += len(block)
                spool.seek(0)
                _add(archive, f"tables/{table}.copy", spool, size)
            tables[table] = {"columns": columns, "rows": rows, "sha256": digest.hexdigest()}
    return tables


def _file_names(storage, folder: str = "") -> list[str]:
    folders, files = storage.listdir(folder)
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names += _file_names(storage, posixpath.join(folder, sub))
    return sorted(names)


def _files_export_for_member(*, member: Member, archive: tarfile.TarFile) -> list[dict]:
    """The member's files, read through the storage (local folder or bucket prefix)."""
    entries = []
    with tenant_context(member):
        for name in _file_names(default_storage):
            size = default_storage.size(name)
            with default_storage.open(name, "rb") as raw:
                source = _Hashing(raw)
                _add(archive, f"files/{name}", source, size)
            entries.append({"name": name, "size": size, "sha256": source.digest.hexdigest()})
    return entries


def member_export(*, member: Member, path: Path) -> TransferOutcome:
    """Write `member`'s rows and files into one archive at `path` (replaced only once the
    archive is complete, so a failed export leaves no half archive behind)."""
    started = time.monotonic()
    path = Path(path)
    compressed = path.name.endswith((".gz", ".tgz"))
    handle, partial = tempfile.mkstemp(prefix=".export-", dir=path.parent or ".")
    os.close(handle)
    try:
        options = {"compresslevel": 6} if compressed else {}
        with tarfile.open(partial, "w:gz" if compressed else "w", **options) as archive:
            with _one_snapshot():
                tables = _tables_export(schema=member.schema_name, archive=archive)
                migrations = _migrations(member.schema_name)
            files = _files_export_for_member(member=member, archive=archive)
            domains = list(
                member.domains.order_by("-is_primary", "domain").values_list("domain", flat=True)
            )
            manifest = {
                "format": FORMAT,
                "exported_at": timezone.now().isoformat(),
                "method": "copy-text",
                "postgresql": connection.pg_version,
                "network_domain": settings.NETWORK_DOMAIN,
                "member": {
                    "hcp_code": member.collectivity_id,
                    "schema": member.schema_name,
                    "joined_at": member.joined_at.isoformat(),
                    "suspended_at": member.suspended_at.isoformat()
                    if member.suspended_at
                    else None,
                    "suspension_reason": member.suspension_reason,
                    "default_domain": member_default_domain(member.collectivity),
                    "domains": domains,
                },
                "migrations": migrations,
                "tables": tables,
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            _add(archive, MANIFEST, io.BytesIO(data), len(data))
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return TransferOutcome(member=member, manifest=manifest, seconds=time.monotonic() - started)


# Import ----------------------------------------------------------------------------------


def _manifest_read(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise TransferError(
            _("This file is not a member export (no readable manifest).")
        ) from error
    if manifest.get("format") != FORMAT:
        raise TransferError(
            _("This export's format (%(found)s) is not the one this platform reads (%(expected)s).")
            % {"found": manifest.get("format"), "expected": FORMAT}
        )
    for entry in manifest["files"]:
        name = entry["name"]
        if name.startswith("/") or ".." in name.split("/"):
            raise TransferError(
                _("The export names a file outside the member's folder: %(name)s.") % {"name": name}
            )
    return manifest


def _migrations_check(manifest: dict) -> None:
    """The rows fit this deployment's tables only when both sides applied the same migrations."""
    theirs, ours = set(manifest["migrations"]), set(_code_migrations())
    if theirs != ours:
        only_theirs, only_ours = sorted(theirs - ours), sorted(ours - theirs)
        raise TransferError(
            _(
                "The export's migration state differs from this deployment's: %(theirs)d "
                "migration(s) only in the export (%(theirs_list)s), %(ours)d only here "
                "(%(ours_list)s). Run the same version of the platform on both sides, migrate "
                "(`manage.py migrate_members`), then export again."
            )
            % {
                "theirs": len(only_theirs),
                "theirs_list": ", ".join(only_theirs[:5]) or "-",
                "ours": len(only_ours),
                "ours_list": ", ".join(only_ours[:5]) or "-",
            }
        )


def _schema_fill(*, schema: str, manifest: dict, archive: tarfile.TarFile) -> None:
    """Replace the freshly built schema's rows by the export's, then check every table."""
    ours = _tables(schema)
    theirs = manifest["tables"]
    differing = sorted(set(ours) ^ set(theirs)) + sorted(
        t for t in set(ours) & set(theirs) if set(ours[t]) != set(theirs[t]["columns"])
    )
    if differing:
        raise TransferError(
            _("The export's tables differ from this deployment's: %(tables)s.")
            % {"tables": ", ".join(differing[:10])}
        )
    with connection.cursor() as cursor:
        # The template's content types wait for their foreign-key checks, and PostgreSQL
        # truncates no table with checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE " + ", ".join(_qualified(schema, t) for t in ours))
        # Foreign keys are checked once every table is in, whatever the order of the tables.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, described in theirs.items():
            column_list = ", ".join(quote_ident(c) for c in described["columns"])
            source = _Hashing(archive.extractfile(f"tables/{table}.copy"))
            with cursor.cursor.copy(
                f"COPY {_qualified(schema, table)} ({column_list}) FROM STDIN"
            ) as copy:
                while chunk := source.read(CHUNK):
                    copy.write(chunk)
            if source.digest.hexdigest() != described["sha256"]:
                raise TransferError(
                    _("The rows of table %(table)s do not match the manifest (damaged export).")
                    % {"table": table}
                )
        cursor.execute(SEQUENCES_SQL, [schema])
        for table, column in cursor.fetchall():
            qualified = _qualified(schema, table)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                f"coalesce(max({quote_ident(column)}), 1), max({quote_ident(column)}) "
                f"IS NOT NULL) FROM {qualified}",
                [qualified, column],
            )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            " UNION ALL ".join(f"SELECT %s, count(*) FROM {_qualified(schema, t)}" for t in theirs),
            list(theirs),
        )
        counted = dict(cursor.fetchall())
    wrong = [
        f"{t} ({counted[t]} ≠ {d['rows']})" for t, d in theirs.items() if counted[t] != d["rows"]
    ]
    if wrong:
        raise TransferError(
            _("Row counts differ from the manifest: %(tables)s.") % {"tables": ", ".join(wrong)}
        )


def _files_import_for_member(*, member: Member, manifest: dict, archive: tarfile.TarFile) -> None:
    """Make the member's files exactly the export's (whatever its folder held is removed),
    then read each back through the storage and check its size and SHA-256."""
    with tenant_context(member):
        storage = default_storage
        for name in _file_names(storage):
            storage.delete(name)
        for entry in manifest["files"]:
            name = entry["name"]
            saved = storage.save(
                name, File(archive.extractfile(f"files/{name}"), name=posixpath.basename(name))
            )
            if saved != name:
                raise TransferError(
                    _("The storage renamed %(name)s to %(saved)s.") % {"name": name, "saved": saved}
                )
        for entry in manifest["files"]:
            with storage.open(entry["name"], "rb") as raw:
                check = _Hashing(raw)
                while check.read(CHUNK):
                    pass
            if (check.size, check.digest.hexdigest()) != (entry["size"], entry["sha256"]):
                raise TransferError(
                    _("The file %(name)s differs from the manifest once stored.")
                    % {"name": entry["name"]}
                )


def _pages_drop_for_member(*, member: Member) -> None:
    """A restored member's cached pages are the old content's: drop them (and let the
    snapshot refresh follow, as after any change of content)."""
    from kernel.page_cache import content_changed

    with tenant_context(member):
        content_changed()


def member_import(
    *, path: Path, hcp_code: str | None = None, replace: bool = False
) -> TransferOutcome:
    """Restore the member exported at `path` into this deployment and serve it again.

    Refuses (TransferError, nothing written) an archive of another member than `hcp_code`, an
    unknown collectivity, another migration state, a member already here unless `replace`,
    and a domain of another member. The schema is built from this deployment's template, then
    filled and checked in one transaction; the member stays not ready (a 503 page) until its
    files are written and checked too, so a failure there leaves it unserved and the import
    can simply be run again with `replace`.
    """
    started = time.monotonic()
    with tarfile.open(path, "r:*") as archive:
        manifest = _manifest_read(archive)
        described = manifest["member"]
        code = described["hcp_code"]
        if hcp_code and hcp_code.strip() != code:
            raise TransferError(
                _("This export is of member %(found)s, not %(expected)s.")
                % {"found": code, "expected": hcp_code}
            )
        collectivity = collectivity_get(code=code)
        if collectivity is None:
            raise TransferError(
                _(
                    "No territorial collectivity has the HCP code “%(code)s” here: "
                    "load the registry first (`manage.py load_registry`)."
                )
                % {"code": code}
            )
        _migrations_check(manifest)
        domains = [member_default_domain(collectivity)] + [
            d for d in described["domains"] if d != described["default_domain"]
        ]

        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["member:" + code])
            member = Member.objects.filter(collectivity=collectivity).first()
            schema = member.schema_name if member else Member.schema_name_for(code)
            existing = member is not None or schema_exists(schema)
            if existing and not replace:
                raise TransferError(
                    _(
                        "Member %(code)s (%(schema)s) already exists here; pass "
                        "--replace to overwrite its rows and files with the "
                        "export's."
                    )
                    % {"code": code, "schema": schema}
                )
            try:
                _ensure_domains_free(domains, member)
            except ProvisioningError as error:
                raise TransferError(str(error)) from error
            previous_domains = (
                list(member.domains.values_list("domain", flat=True)) if member else []
            )
            if member is None:
                member = Member.objects.create(schema_name=schema, collectivity=collectivity)
            if schema_exists(schema):
                with connection.cursor() as cursor:
                    # A caller's writes may wait for their checks: no DROP with checks pending.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute(f"DROP SCHEMA {quote_ident(schema)} CASCADE")
            template = schema_template_current()
            if not spare_schema_claim(schema_name=schema, template=template):
                schema_create_from_template(schema_name=schema, template=template)
            _schema_fill(schema=schema, manifest=manifest, archive=archive)

            suspended_at = described["suspended_at"]
            Member.objects.filter(pk=member.pk).update(
                is_ready=False,
                joined_at=datetime.fromisoformat(described["joined_at"]),
                suspended_at=datetime.fromisoformat(suspended_at) if suspended_at else None,
                suspension_reason=described["suspension_reason"],
            )
            Domain.objects.filter(tenant=member).delete()
            Domain.objects.bulk_create(
                [
                    Domain(domain=d, tenant=member, is_primary=(i == 0))
                    for i, d in enumerate(domains)
                ]
            )
        routing_forget_hosts(previous_domains + domains)

        member.refresh_from_db()
        _files_import_for_member(member=member, manifest=manifest, archive=archive)
    Member.objects.filter(pk=member.pk).update(is_ready=True)
    member.is_ready = True
    routing_forget_hosts(domains)
    _pages_drop_for_member(member=member)
    return TransferOutcome(
        member=member, manifest=manifest, seconds=time.monotonic() - started, replaced=existing
    )
