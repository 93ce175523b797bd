"""Metrics an operator scrapes (Prometheus text format at /metrics on the network's host).

- Requests, by status class, and their latency: counted in each web process by the middleware
  (prometheus-client; several gunicorn processes share them through PROMETHEUS_MULTIPROC_DIR).
- Tasks: latency, runs, retries and failures by task, written by the workers into Redis (the
  workers run on other hosts: their own memory would not reach a scrape of the web).
- Queue lengths: one LLEN per Celery queue on the broker.
- The outbox backlog per state, summed over the members: read from what the workers' periodic
  task stored (observability.outbox); a scrape never queries a member's schema.
"""

import hmac
import os

from django.conf import settings
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

STATUS_CLASSES = ("1xx", "2xx", "3xx", "4xx", "5xx")
TASK_BUCKETS = (0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, float("inf"))

_requests_registry = CollectorRegistry(auto_describe=True)
_requests = Counter(
    "infitah_http_requests",
    "HTTP requests answered, by status class",
    ["status"],
    registry=_requests_registry,
)
_latency = Histogram(
    "infitah_http_request_duration_seconds",
    "Time to answer an HTTP request (the whole middleware stack)",
    registry=_requests_registry,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
# One child per class, made once: a request only increments.
_by_class = {index: _requests.labels(status) for index, status in enumerate(STATUS_CLASSES, 1)}


def request_observe(status_code: int, seconds: float) -> None:
    child = _by_class.get(status_code // 100)
    if child is not None:
        child.inc()
    _latency.observe(seconds)


def redis_key(name: str) -> str:
    """Raw Redis keys (not the cache's, which carry the current schema)."""
    return f"{settings.CACHES['default']['KEY_PREFIX']}:metrics:{name}"


def _redis():
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def task_observe(*, task: str, seconds: float | None, outcome: str) -> None:
    """Record one task run in Redis (workers): `outcome` "success", "failure" or "retry"."""
    fields = {f"{task}|{outcome}": 1}
    if seconds is not None:
        bucket = next(b for b in TASK_BUCKETS if seconds <= b)
        fields[f"{task}|le|{bucket}"] = 1
    pipe = _redis().pipeline(transaction=False)
    for field, amount in fields.items():
        pipe.hincrby(redis_key("tasks"), field, amount)
    if seconds is not None:
        pipe.hincrbyfloat(redis_key("tasks"), f"{task}|seconds", seconds)
    pipe.execute()


class NetworkCollector:
    """What Redis knows: tasks, queues and the outbox backlog, read at each scrape."""

    def collect(self):
        yield from self._tasks()
        yield from self._queues()
        yield from self._outbox()

    def _tasks(self):
        raw = {
            key.decode(): value.decode()
            for key, value in _redis().hgetall(redis_key("tasks")).items()
        }
        outcomes = CounterMetricFamily(
            "infitah_task_runs",
            "Task runs by task and outcome (failure: failed for good, after its retries)",
            labels=["task", "outcome"],
        )
        latency = HistogramMetricFamily(
            "infitah_task_duration_seconds", "Task run time, by task", labels=["task"]
        )
        tasks = sorted({key.split("|", 1)[0] for key in raw})
        for task in tasks:
            for outcome in ("success", "failure", "retry"):
                outcomes.add_metric([task, outcome], float(raw.get(f"{task}|{outcome}", 0)))
            running, buckets = 0.0, []
            for bucket in TASK_BUCKETS:
                running += float(raw.get(f"{task}|le|{bucket}", 0))
                buckets.append(("+Inf" if bucket == float("inf") else str(bucket), running))
            latency.add_metric([task], buckets, float(raw.get(f"{task}|seconds", 0)))
        yield outcomes
        yield latency

    def _queues(self):
        # The project's Celery app (workers/app.py), as Celery lends it to code that may not
        # import the workers.
        from celery import current_app as app

        queues = [queue.name for queue in app.conf.task_queues]
        lengths = GaugeMetricFamily(
            "infitah_queue_length",
            "Messages waiting in each Celery queue (broker)",
            labels=["queue"],
        )
        with app.connection_for_read() as conn:
            pipe = conn.default_channel.client.pipeline(transaction=False)
            for queue in queues:
                pipe.llen(queue)
            for queue, length in zip(queues, pipe.execute()):
                lengths.add_metric([queue], length)
        yield lengths

    def _outbox(self):
        from observability.outbox import outbox_backlog_read

        stored = outbox_backlog_read()
        backlog = GaugeMetricFamily(
            "infitah_outbox_backlog",
            "Notifications waiting in the members' outboxes, by state, summed over the members",
            labels=["state"],
        )
        for state, count in stored["states"].items():
            backlog.add_metric([state], count)
        yield backlog
        yield GaugeMetricFamily(
            "infitah_outbox_backlog_measured_timestamp_seconds",
            "When the workers last measured the outbox backlog",
            value=stored["measured_at"],
        )


def metrics_text() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        web = CollectorRegistry()
        multiprocess.MultiProcessCollector(web)
    else:
        web = _requests_registry
    network = CollectorRegistry(auto_describe=False)
    network.register(NetworkCollector())
    return generate_latest(web) + generate_latest(network)


def scrape_allowed(request) -> bool:
    """A bearer token (METRICS_TOKEN) or an address the operator listed
    (METRICS_ALLOWED_ADDRESSES, compared with the connection's own peer address); with
    neither set, metrics are off."""
    token = settings.METRICS_TOKEN
    if token:
        given = request.META.get("HTTP_AUTHORIZATION", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return True
    return request.META.get("REMOTE_ADDR", "") in settings.METRICS_ALLOWED_ADDRESSES
