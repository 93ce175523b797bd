"""A real Celery worker process for the tests (and benchmarks) that go through the broker:
the one way to start one. It is pointed at this process's database (the test database under
pytest), never at the development one."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
QUEUES = "provisioning,notifications,reminders,aggregation"


def this_database_url() -> str:
    """This process's database as a DATABASE_URL."""
    db = settings.DATABASES["default"]
    host = db["HOST"] or ""
    host_part = host.replace("/", "%2F") if host.startswith("/") else host
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{db['USER']}@{host_part}{port}/{db['NAME']}"


def worker_start(
    *,
    queues: str = QUEUES,
    pool: str = "solo",
    concurrency: int = 1,
    timeout: float = 60,
    **environment: str,
) -> subprocess.Popen:
    """Start a worker on `queues` with `environment` on top of this process's; return once it
    answers a ping. `pool="prefork"` gives children that a test may kill. The queues are
    emptied first: tasks published by earlier tests (commit hooks run inside a test
    transaction publish for real) must not reach this worker."""
    from workers.app import app

    app.control.purge()

    env = {
        **os.environ,
        "DATABASE_URL": this_database_url(),
        "CELERY_TASK_TENANT_CACHE_SECONDS": "0",
        **environment,
    }
    pool_args = [f"--pool={pool}"] + ([f"--concurrency={concurrency}"] if pool == "prefork" else [])
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workers.app",
            "worker",
            *pool_args,
            "--loglevel=WARNING",
            "-Q",
            queues,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.inspect(timeout=1, limit=1).ping():
            return process
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("the worker did not start")


def worker_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def worker_children(process: subprocess.Popen) -> list[int]:
    """The pids of a prefork worker's children."""
    try:
        return [
            int(pid)
            for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        ]
    except FileNotFoundError:
        return []


def wait_for(condition, timeout: float = 60, what: str = "the condition", every: float = 0.2):
    """The first true value of `condition()`, polled until `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")
