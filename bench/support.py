"""What every benchmark needs: a database of its own on the servers `make` would use, and
the memory of a process read from /proc."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [
    p for p in (str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")) if p not in sys.path
]

import local as launcher  # noqa: E402  (deploy/local.py: embedded servers unless URLs are set)


def bench_database_url(name: str, *, reuse: bool = False) -> str:
    """A database called `name` next to DATABASE_URL's (embedded PostgreSQL when unset):
    made afresh, or kept from an earlier run with `reuse`. Returns its URL."""
    launcher.start_embedded_services("postgres")
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reuse:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
        if not exists or not reuse:
            conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def process_memory_kib(pid: int, field: str = "VmRSS") -> int:
    """A process's memory from /proc (VmRSS: resident; RssAnon: private, which for a
    PostgreSQL backend is its caches without the shared buffers); 0 once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0
