"""A real Celery worker process for the tests that go through the broker (one way to start
one: the database it is pointed at is the test database, never the development one)."""
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from workers.app import app

ROOT = Path(__file__).resolve().parents[1]
QUEUES = "provisioning,notifications,reminders,aggregation"


def database_url() -> str:
    db = settings.DATABASES["default"]
    host = db["HOST"] or ""
    host_part = host.replace("/", "%2F") if host.startswith("/") else host
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{db['USER']}@{host_part}{port}/{db['NAME']}"


def worker_start(*, queues: str = QUEUES, **environment: str) -> subprocess.Popen:
    """Start a worker (solo pool) on `queues` with the test database and `environment` on top
    of this process's; return once it answers a ping."""
    env = {**os.environ, "DATABASE_URL": database_url(),
           "CELERY_TASK_TENANT_CACHE_SECONDS": "0", **environment}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "--pool=solo",
         "--loglevel=WARNING", "-Q", queues, "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.inspect(timeout=1, limit=1).ping():
            return process
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError("the worker did not start")


def worker_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def wait_for(condition, timeout: float = 60, what: str = "the condition"):
    """The first true value of `condition()`, polled until `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")
