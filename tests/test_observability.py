"""Observability (issue 12, item 5): structured logs with their context (web and workers),
optional error reporting, readiness, metrics, and a time limit on every task."""

import gzip
import io
import json
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django_tenants.utils import tenant_context

from observability.logs import ContextFilter, JsonFormatter, logging_config
from ui.edge import EdgeMiddleware
from observability.outbox import outbox_backlog_measure_for_members, outbox_backlog_store
from tests.worker_process import this_database_url, wait_for, worker_stop

ROOT = Path(__file__).resolve().parents[1]
# A fresh process, with the settings as an operator's environment makes them.
IMPORT_PATH = {
    "PYTHONPATH": f"{ROOT}:{ROOT / 'platform'}",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


# ---------------------------------------------------------------- logs, web --------------


@pytest.fixture
def json_lines():
    """The configured console handler, writing JSON into a buffer: returns a function that
    gives the lines written so far, parsed."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ContextFilter) for f in h.filters)
    )
    buffer = io.StringIO()
    old_stream, old_formatter = handler.setStream(buffer), handler.formatter
    handler.setFormatter(JsonFormatter())
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    finally:
        handler.setStream(old_stream)
        handler.setFormatter(old_formatter)


def test_request_id_is_kept_when_sane_and_generated_otherwise(client_for, tetouan):
    network, site = client_for(None), client_for(tetouan)
    assert network.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21")["X-Request-ID"] == "lb-7f3a9c21"
    for bad in ("short", "x" * 300, "a b c d e f g h", "abc\x00defghij"):
        given = site.get("/", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert given != bad and len(given) == 32
    first, second = site.get("/")["X-Request-ID"], site.get("/")["X-Request-ID"]
    assert first != second
    # Answers that never reach a view carry it too: an unknown host.
    assert len(client_for(None).get("/", HTTP_HOST="nobody.localhost")["X-Request-ID"]) == 32


def test_a_line_carries_the_schema_the_request_id_and_the_role(staff_client, tetouan, json_lines):
    editor = staff_client(tetouan, "editor")
    response = editor.get("/staff/no-such-page/", HTTP_X_REQUEST_ID="req-000111222")
    assert response.status_code == 404
    lines = [line for line in json_lines() if line["request_id"] == "req-000111222"]
    assert lines, json_lines()
    assert all(line["schema"] == tetouan.schema_name and line["role"] == "editor" for line in lines)
    assert any("no-such-page" in line["message"] for line in lines)


def test_a_refused_sign_in_is_logged_without_the_address(client_for, tetouan, json_lines):
    client_for(tetouan).post(
        "/admin/login/",
        {"username": "someone@example.ma", "password": "wrong"},
        HTTP_X_REQUEST_ID="req-signin-0001",
    )
    refused = [line for line in json_lines() if line["message"] == "Sign-in refused"]
    assert len(refused) == 1
    line = refused[0]
    assert (line["schema"], line["request_id"], line["role"]) == (
        tetouan.schema_name,
        "req-signin-0001",
        None,
    )
    assert line["identity_digest"] and "someone" not in json.dumps(line)


def test_a_network_role_is_on_the_line(network, db, rf, json_lines):
    """On the network's host, the network role (the two-factor step in front of the pages
    is another matter: the line is written from a view here)."""
    from network.accounts.services import network_account_create

    user = network_account_create(email="observe@dgct.gov.ma", role="directorate")

    def view(request):
        logging.getLogger("infitah.test").warning("From a view")
        return HttpResponse("ok")

    request = rf.get("/", HTTP_X_REQUEST_ID="req-network-001")
    request.user = request._cached_user = user
    EdgeMiddleware(view)(request)
    lines = [line for line in json_lines() if line["request_id"] == "req-network-001"]
    assert len(lines) == 1 and lines[0]["role"] == "directorate" and lines[0]["schema"] == "public"


def test_json_in_production_plain_in_development_level_from_the_environment():
    def settings_logging(**environment) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("LOG_FORMAT", "LOG_LEVEL", "DJANGO_DEBUG")
        }
        env.update(
            DJANGO_SECRET_KEY="x" * 50 + "-observability-test-key", **IMPORT_PATH, **environment
        )
        code = (
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.LOGGING, default=str))"
        )
        out = (
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        return json.loads(out)

    production = settings_logging(DJANGO_DEBUG="0", LOG_LEVEL="warning")
    assert production["formatters"]["infitah"]["()"] == "observability.logs.JsonFormatter"
    assert production["root"]["level"] == "WARNING"
    development = settings_logging(DJANGO_DEBUG="1")
    assert development["formatters"]["infitah"]["()"] == "observability.logs.PlainFormatter"
    assert development["root"]["level"] == "INFO"
    assert (
        settings_logging(DJANGO_DEBUG="1", LOG_FORMAT="json")["formatters"]["infitah"]["()"]
        == "observability.logs.JsonFormatter"
    )


def test_the_json_formatter_writes_one_object_with_the_exception():
    config = logging_config(log_format="json", level="INFO")
    assert config["handlers"]["console"]["filters"] == ["context"]
    record = logging.makeLogRecord(
        {
            "name": "t",
            "levelno": 40,
            "levelname": "ERROR",
            "msg": "boom %s",
            "args": ("ici",),
            "extra_field": 3,
        }
    )
    try:
        raise ValueError("نص عربي")
    except ValueError:
        record.exc_info = sys.exc_info()
    ContextFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "boom ici" and line["extra_field"] == 3
    assert "نص عربي" in line["exception"] and "\n" not in JsonFormatter().format(record)
    assert {"schema", "request_id", "role", "task", "task_id"} <= set(line)


def test_the_edge_makes_no_query_and_no_redis_call(rf, monkeypatch):
    """The speed rule of the first middleware: no database (this test has none: a query would
    raise) nor Redis call. What it costs is measured by bench/web.py (bench/RESULTS.md)."""
    import redis

    def no_redis(*args, **kwargs):
        raise AssertionError("a Redis call in the middleware")

    monkeypatch.setattr(redis.Redis, "execute_command", no_redis)
    edge = EdgeMiddleware(lambda request: HttpResponse("ok"))
    assert edge(rf.get("/", HTTP_X_REQUEST_ID="lb-7f3a9c21"))["X-Request-ID"] == "lb-7f3a9c21"
    made = {edge(rf.get("/"))["X-Request-ID"] for _ in range(1000)}
    assert len(made) == 1000  # a new id each time


# ---------------------------------------------------------------- error reporting --------


class _Sink(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk's choice when brotli is installed (WeasyPrint's)
            import brotli

            body = brotli.decompress(body)
        _Sink.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def _boom(request):
    raise ZeroDivisionError("observability test")


urlpatterns = [path("boom/", _boom)]


def test_with_a_dsn_an_exception_reaches_the_error_reporter(settings, client_for, network):
    import sentry_sdk

    from observability.errors import error_reporting_start

    server = HTTPServer(("127.0.0.1", 0), _Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Sink.received.clear()
    settings.PUBLIC_SCHEMA_URLCONF = "tests.test_observability"
    try:
        error_reporting_start(
            dsn=f"http://public@127.0.0.1:{server.server_port}/1",
            environment="test",
            traces_sample_rate=0,
        )
        client = client_for(None)
        client.raise_request_exception = False
        assert client.get("/boom/", HTTP_X_REQUEST_ID="req-sentry-0001").status_code == 500
        sentry_sdk.flush(timeout=10)
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
        server.shutdown()
    events = b"".join(_Sink.received).decode()
    assert "ZeroDivisionError" in events and "observability test" in events
    assert '"schema":"public"' in events.replace(" ", "")
    assert '"request_id":"req-sentry-0001"' in events.replace(" ", "")
    assert '"role":"visitor"' in events.replace(" ", "")


def test_without_a_dsn_error_reporting_is_not_even_imported():
    code = (
        "import sys, django; django.setup(); import sentry_sdk as s; "
        "print('imported' if 'observability.errors' in sys.modules else 'absent', "
        "s.get_client().is_active())"
    )

    def run(**environment) -> str:
        env = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"}
        env.update(DJANGO_DEBUG="1", **IMPORT_PATH, **environment)
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-2:]

    assert run() == ["absent", "False"]
    assert run(SENTRY_DSN="http://public@127.0.0.1:9/1") == ["imported", "True"]


# ---------------------------------------------------------------- task limits -------------


def test_every_task_has_a_soft_and_a_hard_time_limit():
    from workers.app import TIME_LIMITS, app

    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert len(ours) >= 15
    for task in ours:
        assert task.soft_time_limit and task.time_limit, task.name
        assert task.soft_time_limit < task.time_limit, task.name
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit  # Celery's own tasks
    # Mail is short, a network-wide aggregation long.
    assert (
        app.tasks["workers.notifications.notifications_deliver_for_member"].time_limit
        == TIME_LIMITS["notifications"][1]
    )
    assert (
        app.tasks["workers.aggregation.snapshots_refresh_chunk"].soft_time_limit
        == TIME_LIMITS["aggregation"][0]
    )
    assert TIME_LIMITS["notifications"][1] < TIME_LIMITS["aggregation"][0]


# ---------------------------------------------------------------- readiness and metrics ----


def test_readiness_fails_with_what_failed(client_for, network, db, settings, tmp_path):
    settings.HEALTH_TIMEOUT_SECONDS = 0.5
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = str(blocked)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = settings.MULTITENANT_RELATIVE_MEDIA_ROOT
    response = client_for(None).get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and checks["cache"]["ok"] and checks["broker"]["ok"]
    assert not checks["storage"]["ok"]
    assert not checks["workers"]["ok"]  # no worker in this test
    assert "no-store" in response["Cache-Control"]


def test_readiness_is_not_on_a_members_host(client_for, tetouan):
    assert client_for(tetouan).get("/readyz").status_code == 404


def test_metrics_need_the_token_or_an_allowed_address(client_for, network, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = []
    assert client_for(None).get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client_for(None).get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert (
        client_for(None).get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code
        == 200
    )
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = ["127.0.0.1"]
    assert client_for(None).get("/metrics").status_code == 200  # the test client's address


def _scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_metrics_requests_queues_and_outbox_backlog_without_a_query(
    client_for, tetouan, tanger, settings, django_assert_num_queries
):
    from tenants.notifications.models import Notification
    from workers.sweeps import member_ping

    settings.METRICS_TOKEN = "s3cret-token"
    for member, states in (
        (tetouan, ["pending", "pending", "failed"]),
        (tanger, ["pending", "sent"]),
    ):
        with tenant_context(member):
            for number, state in enumerate(states):
                Notification.objects.create(
                    key=f"metrics-{member.schema_name}-{number}",
                    recipient_email="a@example.ma",
                    language="ar",
                    kind="test",
                    from_email="x",
                    template="t",
                    subject="s",
                    body="b",
                    state=state,
                    next_attempt_at=timezone.now(),
                )
    totals = outbox_backlog_measure_for_members(
        schema_names=[tetouan.schema_name, tanger.schema_name]
    )
    assert totals == {"pending": 3, "sending": 0, "failed": 1}
    outbox_backlog_store(totals)

    from workers.app import app

    app.control.purge()
    member_ping.apply_async_for_member(tetouan)  # waits in its queue: no worker here
    try:
        client = client_for(None)
        client.get("/healthz")
        client.get("/no-such-page/")
        with django_assert_num_queries(0):  # a scrape reads Redis, never the members
            text = _scrape(client)
    finally:
        app.control.purge()
    assert 'infitah_http_requests_total{status="2xx"}' in text
    assert 'infitah_http_requests_total{status="4xx"}' in text
    assert "infitah_http_request_duration_seconds_bucket" in text
    assert 'infitah_queue_length{queue="aggregation"} 1.0' in text
    assert 'infitah_queue_length{queue="notifications"} 0.0' in text
    assert 'infitah_outbox_backlog{state="pending"} 3.0' in text
    assert 'infitah_outbox_backlog{state="failed"} 1.0' in text


# ---------------------------------------------------------------- a real worker ------------


@pytest.fixture(scope="module")
def json_worker(network, tmp_path_factory):
    """A real worker writing JSON lines into a file (stderr), pointed at the test database."""
    from workers.app import app

    app.control.purge()
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": this_database_url(),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "CELERY_TASK_TENANT_CACHE_SECONDS": "0",
    }
    with log.open("w") as stream:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "workers.app",
                "worker",
                "--pool=solo",
                "-Q",
                "provisioning,notifications,reminders,aggregation",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    wait_for(lambda: app.control.inspect(timeout=1, limit=1).ping(), what="the worker")
    yield process, log
    worker_stop(process)


def _json_lines(log: Path) -> list[dict]:
    lines = []
    for raw in log.read_text().splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            pass  # Celery's banner
    return lines


def test_worker_lines_carry_the_task_and_the_member_and_failures_are_counted(
    json_worker, network, django_db_blocker, client_for, settings
):
    from workers.aggregation import snapshots_refresh_chunk
    from workers.sweeps import member_ping

    process, log = json_worker
    settings.METRICS_TOKEN = "s3cret-token"
    with django_db_blocker.unblock():
        tetouan = network["tetouan"]
        ping = member_ping.apply_async_for_member(tetouan)
        assert ping.get(timeout=30)["schema_name"] == tetouan.schema_name
        broken = snapshots_refresh_chunk.delay([], as_of="not-a-date")
        with pytest.raises(ValueError):
            broken.get(timeout=30)
        lines = wait_for(
            lambda: [
                line
                for line in _json_lines(log)
                if line["task_id"] in (ping.id, broken.id) and line["level"] in ("INFO", "ERROR")
            ],
            what="the task lines",
        )
        done = next(line for line in lines if line["task_id"] == ping.id)
        assert done["task"] == "workers.sweeps.member_ping"
        assert done["schema"] == tetouan.schema_name and done["role"] is None
        failed = wait_for(
            lambda: [
                line
                for line in _json_lines(log)
                if line["task_id"] == broken.id
                and line["message"].startswith("Task failed for good")
            ]
        )
        assert failed[0]["schema"] == "public" and failed[0]["level"] == "ERROR"
        text = _scrape(client_for(None))
        assert (
            'infitah_task_runs_total{outcome="failure",'
            'task="workers.aggregation.snapshots_refresh_chunk"}'
        ) in text
        assert 'infitah_task_duration_seconds_count{task="workers.sweeps.member_ping"}' in text
        # With the worker up, every check passes.
        settings.HEALTH_TIMEOUT_SECONDS = 3
        ready = client_for(None).get("/readyz")
        assert ready.status_code == 200, ready.json()
        assert set(ready.json()["checks"]) == {"database", "cache", "broker", "workers", "storage"}
