"""The workers' side of the logs and metrics: Celery signal receivers (connected in
workers/app.py). A task's lines carry its name, id and member's schema; its run time and
outcome go to the task metrics."""

import logging
import time

from observability import context, metrics

logger = logging.getLogger("infitah.tasks")
_started: dict[str, float] = {}


def task_started(task_id=None, task=None, **kwargs) -> None:
    context.task_bind(task.name, task_id)
    _started[task_id] = time.perf_counter()


def task_finished(task_id=None, task=None, state=None, **kwargs) -> None:
    """After every run (Celery's own "succeeded"/"raised" line is already written, with the
    task's context): the success's run time; failures and retries have their own signals."""
    started = _started.pop(task_id, None)
    if state == "SUCCESS":
        seconds = time.perf_counter() - started if started is not None else None
        _safely(metrics.task_observe, task=task.name, seconds=seconds, outcome="success")
    context.task_bind(None, None)


def task_failed(task_id=None, exception=None, sender=None, **kwargs) -> None:
    """A task that failed for good (its retries, if any, are used up)."""
    started = _started.get(task_id)
    seconds = time.perf_counter() - started if started is not None else None
    _safely(metrics.task_observe, task=sender.name, seconds=seconds, outcome="failure")
    logger.error(
        "Task failed for good: %s: %s",
        type(exception).__name__,
        exception,
        extra={"duration_seconds": seconds},
    )


def task_retried(request=None, reason=None, sender=None, **kwargs) -> None:
    _safely(metrics.task_observe, task=sender.name, seconds=None, outcome="retry")
    logger.warning("Task retried: %s", reason)


def _safely(record, **kwargs) -> None:
    try:
        record(**kwargs)
    except Exception:  # metrics never fail a task
        logger.warning("Task metrics not recorded", exc_info=True)
