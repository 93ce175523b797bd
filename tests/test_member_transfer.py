"""One member backed up, restored and moved (network/members/transfer.py).

Tétouan with its demo content and files is exported here, then imported into a second
database made for the test (on the machine's PostgreSQL at localhost:5432 when it answers,
on the test server otherwise) by a separate process with its own settings, which serves the
member's pages and files from the copy.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from django_tenants.utils import tenant_context

from network.demo.services import DEMO_MEMBERS, _site_content_seed_for_member
from network.members.schema_template import migration_nodes
from network.members.transfer import TABLES_SQL
from tests.hcp import TETOUAN
from kernel.actors import Actor

ROOT = Path(__file__).resolve().parents[1]
SECOND_SERVER = os.environ.get("TRANSFER_TEST_SERVER", "postgresql://postgres@localhost:5432")
DOCUMENT_TITLE = "الحساب الإداري لسنة 2024 (نسخة منقولة)"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def seeded_tetouan(tetouan, media_root):
    """Tétouan with the demo's programme, meetings, requests, petitions… and files."""
    from django.core.files.base import ContentFile

    from tenants.documents.services import document_create

    _site_content_seed_for_member(member=tetouan, branding=DEMO_MEMBERS[TETOUAN])
    with tenant_context(tetouan):
        document = document_create(
            by=Actor(name="test"),
            category="budget_accounts",
            title_ar=DOCUMENT_TITLE,
            file=ContentFile(PDF + b"%" + b"x" * 5000, name="ca-2024.pdf"),
        )
        default_storage.save("branding/logo.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\0" * 64))
        tetouan.document_url = document.file.url
    return tetouan


def row_counts(schema: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(TABLES_SQL, [schema])
        tables = [name for name, _ in cursor.fetchall()]
        cursor.execute(
            " UNION ALL ".join(f'SELECT %s, count(*) FROM "{schema}"."{t}"' for t in tables), tables
        )
        return dict(cursor.fetchall())


def file_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def manifest_of(path: Path) -> dict:
    with tarfile.open(path) as archive:
        return json.load(archive.extractfile("manifest.json"))


def test_no_table_of_a_member_schema_has_a_foreign_key_outside_it(tetouan):
    """What Citus schema-based sharding needs to move a member's schema to another node, and
    what lets member_import fill a schema without the public rows it came with."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, k.conname, fn.nspname, f.relname
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class f ON f.oid = k.confrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace
            WHERE k.contype = 'f' AND n.nspname = %s AND fn.nspname <> n.nspname""",
            [tetouan.schema_name],
        )
        outside = cursor.fetchall()
        cursor.execute(
            "SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE k.contype = 'f' AND n.nspname = %s",
            [tetouan.schema_name],
        )
        assert cursor.fetchone()[0] > 20  # the query does see the member's foreign keys
    assert outside == []


def test_the_export_holds_every_row_and_file_with_a_manifest(seeded_tetouan, media_root, tmp_path):
    archive = tmp_path / "tetouan.tar.gz"
    output = io.StringIO()
    call_command("member_export", TETOUAN, str(archive), stdout=output)
    assert "Exported" in output.getvalue()

    manifest = manifest_of(archive)
    schema = seeded_tetouan.schema_name
    assert manifest["member"]["hcp_code"] == TETOUAN and manifest["member"]["schema"] == schema
    assert {t: d["rows"] for t, d in manifest["tables"].items()} == row_counts(schema)
    assert manifest["tables"]["programme_commitment"]["rows"] > 0
    assert manifest["migrations"] == sorted(f"{app}.{name}" for app, name in migration_nodes())
    files = file_hashes(media_root / "members" / schema)
    assert len(files) == 2
    assert {e["name"]: e["sha256"] for e in manifest["files"]} == files
    with tarfile.open(archive) as opened:
        assert {f"files/{name}" for name in files} <= set(opened.getnames())


def test_import_refuses_an_existing_member_unless_replace(seeded_tetouan, media_root, tmp_path):
    archive = tmp_path / "tetouan.tar"
    call_command("member_export", TETOUAN, str(archive), stdout=io.StringIO())
    before = row_counts(seeded_tetouan.schema_name)
    with pytest.raises(CommandError, match="--replace"):
        call_command("member_import", str(archive), stdout=io.StringIO())

    # Changes after the export are undone by the restore, files included.
    with tenant_context(seeded_tetouan):
        from tenants.documents.models import Document

        Document.objects.all().delete()
        default_storage.save("stray.pdf", io.BytesIO(PDF))
    output = io.StringIO()
    call_command("member_import", str(archive), hcp_code=TETOUAN, replace=True, stdout=output)
    assert "Replaced" in output.getvalue()
    assert row_counts(seeded_tetouan.schema_name) == before
    assert set(file_hashes(media_root / "members" / seeded_tetouan.schema_name)) == {
        e["name"] for e in manifest_of(archive)["files"]
    }
    seeded_tetouan.refresh_from_db()
    assert seeded_tetouan.is_ready


def rewrite_archive(source: Path, target: Path, change) -> None:
    """A copy of an export with its manifest changed by `change(manifest)`."""
    with tarfile.open(source) as original, tarfile.open(target, "w") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


def test_import_refuses_another_migration_state_or_member_and_damaged_rows(
    seeded_tetouan, tmp_path
):
    with translation.override("en"):  # the operator's messages, read in English here
        archive = tmp_path / "tetouan.tar"
        call_command("member_export", TETOUAN, str(archive), stdout=io.StringIO())

        newer = tmp_path / "newer.tar"
        rewrite_archive(archive, newer, lambda m: m["migrations"].append("programme.9999_future"))
        with pytest.raises(CommandError, match="migration state differs.*programme.9999_future"):
            call_command("member_import", str(newer), replace=True, stdout=io.StringIO())

        with pytest.raises(CommandError, match="not 01.511.01.0"):
            call_command(
                "member_import",
                str(archive),
                hcp_code="01.511.01.0",
                replace=True,
                stdout=io.StringIO(),
            )

        damaged = tmp_path / "damaged.tar"
        rewrite_archive(
            archive, damaged, lambda m: m["tables"]["programme_commitment"].update(sha256="0" * 64)
        )
        with pytest.raises(CommandError, match="programme_commitment"):
            call_command("member_import", str(damaged), replace=True, stdout=io.StringIO())
        assert row_counts(seeded_tetouan.schema_name)["programme_commitment"] > 0  # rolled back


def second_server() -> str:
    """The machine's PostgreSQL when it answers (another server than the embedded one of
    `make test`), else the server the tests run on."""
    try:
        psycopg.connect(f"{SECOND_SERVER}/postgres", connect_timeout=2).close()
        return SECOND_SERVER
    except psycopg.OperationalError:
        return os.environ["DATABASE_URL"].rsplit("/", 1)[0]


# Runs in the second deployment: migrate, load the registry, import, then look at the copy.
SECOND_DEPLOYMENT = r"""
import hashlib, json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.test import Client
from network.registry.services import registry_load

archive, hcp_code, document_url, title = sys.argv[1:5]
call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
registry_load()
call_command("member_import", archive, hcp_code=hcp_code)
from network.members.models import Member
member = Member.objects.get(collectivity_id=hcp_code)
with connection.cursor() as cursor:
    cursor.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE n.nspname = %s AND c.relkind = 'r'", [member.schema_name])
    tables = [r[0] for r in cursor.fetchall()]
    cursor.execute(" UNION ALL ".join(f'SELECT %s, count(*) FROM "{member.schema_name}"."{t}"'
                                      for t in tables), tables)
    counts = dict(cursor.fetchall())
client = Client(HTTP_HOST=member.domains.get(is_primary=True).domain)
home, documents, file = client.get("/"), client.get("/documents/"), client.get(document_url)
body = b"".join(file.streaming_content) if file.streaming else file.content
print(json.dumps({
    "counts": counts, "ready": member.is_ready, "home": home.status_code,
    "home_name": member.collectivity.name_ar in home.content.decode(),
    "documents": documents.status_code, "title": title in documents.content.decode(),
    "file": file.status_code, "file_sha256": hashlib.sha256(body).hexdigest()}))
"""


def test_a_member_moves_to_another_database_and_is_served_there(
    seeded_tetouan, media_root, tmp_path
):
    archive = tmp_path / "tetouan.tar.gz"
    call_command("member_export", TETOUAN, str(archive), stdout=io.StringIO())
    expected_counts = row_counts(seeded_tetouan.schema_name)
    schema = seeded_tetouan.schema_name
    expected_files = file_hashes(media_root / "members" / schema)

    server, name = second_server(), f"infitah_transfer_copy_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    second_media = tmp_path / "second-media"
    try:
        environment = {
            **os.environ,
            "DATABASE_URL": f"{server}/{name}",
            "MEDIA_ROOT": str(second_media),
            "PAGE_CACHE_SECONDS": "0",
            "CACHE_KEY_PREFIX": f"transfer-{uuid.uuid4().hex[:8]}",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
        }
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                SECOND_DEPLOYMENT,
                str(archive),
                TETOUAN,
                seeded_tetouan.document_url,
                DOCUMENT_TITLE,
            ],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    assert seen["counts"] == expected_counts
    assert file_hashes(second_media / "members" / schema) == expected_files
    assert seen["ready"] and seen["home"] == 200 and seen["home_name"]
    assert seen["documents"] == 200 and seen["title"]
    assert seen["file"] == 200
    assert seen["file_sha256"] == hashlib.sha256(PDF + b"%" + b"x" * 5000).hexdigest()
