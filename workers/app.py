"""The Celery app: Redis broker, named queues, tasks that carry their member explicitly."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "platform")) if p not in sys.path]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from celery import signals  # noqa: E402
from celery.schedules import crontab  # noqa: E402
from kombu import Queue  # noqa: E402
from tenant_schemas_celery.app import CeleryApp  # noqa: E402

QUEUES = ("provisioning", "notifications", "reminders", "aggregation")


class InfitahCelery(CeleryApp):
    task_cls = "workers.base:MemberTask"

    def _task_from_fun(self, fun, name=None, base=None, bind=False, **options):
        # Every task gets its time limits here, as it is created: Celery's annotations are
        # skipped for a task whose base class was bound first (`__bound__` is inherited).
        task = super()._task_from_fun(fun, name=name, base=base, bind=bind, **options)
        soft, hard = time_limits_for(task.name)
        type(task).soft_time_limit, type(task).time_limit = soft, hard
        return task


app = InfitahCelery("infitah")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue(name) for name in QUEUES]
app.conf.task_default_queue = "notifications"
ROUTES = {
    "workers.provisioning.*": {"queue": "provisioning"},
    "workers.sweeps.*": {"queue": "aggregation"},
    "workers.reminders.*": {"queue": "reminders"},
    "workers.holidays.*": {"queue": "reminders"},
    "workers.privacy.*": {"queue": "reminders"},
    "workers.notifications.*": {"queue": "notifications"},
    "workers.aggregation.*": {"queue": "aggregation"},
    "workers.observability.*": {"queue": "aggregation"},
    "workers.programme_pdf.*": {"queue": "aggregation"},
}
app.conf.task_routes = ROUTES
# Network-wide sweeps: one entry each, fanned out over ready members by the task itself
# (never one beat entry per member, which would hit members still being provisioned).
app.conf.beat_schedule = {
    # The members' snapshots (workers/aggregation.py): a full refresh every hour, in parallel
    # chunks; a member that changes is refreshed within a minute besides.
    "snapshots-refresh": {
        "task": "workers.aggregation.snapshots_refresh_all",
        "schedule": crontab(minute=23),
    },
    "members-schema-check": {
        "task": "workers.sweeps.members_schema_check",
        "schedule": crontab(hour=3, minute=17),
    },
    # Reminders (workers/reminders.py), overdue information requests included: three ticks a
    # day, so that a missed tick is caught up the same day (a sweep sends each reminder once).
    "reminders": {
        "task": "workers.reminders.reminders_sweep",
        "schedule": crontab(hour="7,13,18", minute=5),
    },
    # Personal data kept no longer than needed (law 09-08, art. 3; workers/privacy.py): once a
    # night, the purges of every member's retention table (tenants/privacy/retention.py).
    "retention-purge": {
        "task": "workers.privacy.retention_purge_sweep",
        "schedule": crontab(hour=2, minute=41),
    },
    "members-spare-schemas": {
        "task": "workers.provisioning.refill_spare_schemas",
        "schedule": crontab(minute="*/10"),
    },
    "members-ping": {
        "task": "workers.sweeps.members_ping_sweep",
        "schedule": crontab(minute=0, hour="*/6"),
    },
    # Notifications (workers/notifications.py): what a lost delivery task left behind, and
    # the digests (daily in the morning, weekly on Monday).
    "notifications-sweep": {
        "task": "workers.notifications.notifications_sweep",
        "schedule": crontab(minute="*/5"),
    },
    "notifications-daily-digest": {
        "task": "workers.notifications.notifications_digest_sweep",
        "schedule": crontab(hour=7, minute=30),
        "kwargs": {"delivery": "daily"},
    },
    "notifications-weekly-digest": {
        "task": "workers.notifications.notifications_digest_sweep",
        "schedule": crontab(hour=7, minute=45, day_of_week="mon"),
        "kwargs": {"delivery": "weekly"},
    },
}
app.conf.imports = (
    "workers.provisioning",
    "workers.sweeps",
    "workers.reminders",
    "workers.notifications",
    "workers.aggregation",
    "workers.observability",
    "workers.programme_pdf",
    "workers.holidays",
    "workers.privacy",
)

# Time limits (soft, hard) in seconds, by queue: the soft one raises SoftTimeLimitExceeded in
# the task (it may clean up), the hard one kills the child. Mail is short (an SMTP server that
# hangs is cut at EMAIL_TIMEOUT already), a network-wide aggregation long. The settings'
# CELERY_TASK_SOFT_TIME_LIMIT / CELERY_TASK_TIME_LIMIT cover any other task (Celery's own).
TIME_LIMITS = {
    "notifications": (120, 150),
    "reminders": (300, 360),
    "provisioning": (600, 660),
    "aggregation": (1500, 1560),
}


# A task that needs other limits than its queue's.
TASK_TIME_LIMITS = {
    "workers.observability.outbox_backlog_measure": (120, 150),
    # A programme's PDF renders in seconds; one that hangs must not hold the queue for 25 min.
    "workers.programme_pdf.programme_pdf_generate_for_member": (120, 150),
}


def time_limits_for(task_name: str) -> tuple[int, int]:
    """(soft, hard): the task's own row, else its queue's, else the settings' defaults."""
    if task_name in TASK_TIME_LIMITS:
        return TASK_TIME_LIMITS[task_name]
    queue = next(
        (
            route["queue"]
            for pattern, route in ROUTES.items()
            if task_name.startswith(pattern.rstrip("*"))
        ),
        None,
    )
    if queue in TIME_LIMITS:
        return TIME_LIMITS[queue]
    return app.conf.task_soft_time_limit, app.conf.task_time_limit


app.conf.beat_schedule["outbox-backlog"] = {
    # The outbox backlog that /metrics shows (workers/observability.py).
    "task": "workers.observability.outbox_backlog_measure",
    "schedule": crontab(minute="*/5"),
}


# Logs: the workers keep Django's LOGGING (JSON in production, with the task's name, id and
# member's schema on every line) instead of Celery's own set-up.
@signals.setup_logging.connect
def _keep_django_logging(**kwargs) -> None:
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


def _connect_task_observers() -> None:
    from observability import tasks

    signals.task_prerun.connect(tasks.task_started, weak=False)
    signals.task_postrun.connect(tasks.task_finished, weak=False)
    signals.task_failure.connect(tasks.task_failed, weak=False)
    signals.task_retry.connect(tasks.task_retried, weak=False)


_connect_task_observers()
