"""Readiness: can this deployment serve and work? Database, Redis (cache and broker), the
workers and the file storage, each with its time. By hand rather than django-health-check:
its releases for this Django need Python 3.14 (we run 3.11), and its checks are apps and
URLconfs of their own, where django-tenants routes two URLconfs by host."""

import time
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    from django_redis import get_redis_connection

    get_redis_connection("default").ping()


def _broker() -> None:
    from celery import current_app as app  # workers/app.py's, which platform code may not import

    with app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.HEALTH_TIMEOUT_SECONDS)
        conn.default_channel.client.ping()


def _workers() -> None:
    from celery import current_app as app  # workers/app.py's, which platform code may not import

    answers = app.control.ping(timeout=settings.HEALTH_TIMEOUT_SECONDS)
    if not answers:
        raise RuntimeError(f"no worker answered within {settings.HEALTH_TIMEOUT_SECONDS}s")


def _storage() -> None:
    from django.core.files.storage import storages

    storage = storages["default"]
    name = storage.save(f"readiness/{uuid.uuid4().hex}.txt", ContentFile(b"ready"))
    try:
        with storage.open(name) as stored:
            if stored.read() != b"ready":
                raise RuntimeError("the file read back differs")
    finally:
        storage.delete(name)


CHECKS = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "workers": _workers,
    "storage": _storage,
}


def readiness_report() -> dict:
    """{"ready": bool, "checks": {name: {"ok", "ms", "error"?}}} for the checks in
    HEALTH_CHECKS."""
    checks = {}
    for name in settings.HEALTH_CHECKS:
        started = time.perf_counter()
        try:
            CHECKS[name]()
            checks[name] = {"ok": True}
        except Exception as error:  # a check that fails says why, it never fails the page
            checks[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
        checks[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return {"ready": all(check["ok"] for check in checks.values()), "checks": checks}
