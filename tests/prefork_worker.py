"""A real Celery worker with a prefork pool (its children can be killed, and it uses the cores)
on the database this process uses: the notifications tests and benchmark start theirs here."""
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def this_database_url() -> str:
    """This process's database (the test database under pytest), as a DATABASE_URL."""
    db = settings.DATABASES["default"]
    host = db["HOST"] or ""
    host_part = host.replace("/", "%2F") if host.startswith("/") else host
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{db['USER']}@{host_part}{port}/{db['NAME']}"


def prefork_worker_start(*, queues: str, concurrency: int = 1, env: dict | None = None,
                         timeout: float = 60) -> subprocess.Popen:
    """A prefork worker on `queues`, answering pings before this returns."""
    from workers.app import app

    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "--pool=prefork",
         f"--concurrency={concurrency}", "--loglevel=WARNING", "-Q", queues,
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": this_database_url(), **(env or {})})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.inspect(timeout=1).ping():
            return process
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("the worker did not start")


def prefork_children(process: subprocess.Popen) -> list[int]:
    try:
        return [int(pid) for pid in
                Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    except FileNotFoundError:
        return []
