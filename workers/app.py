"""The Celery app: Redis broker, named queues, tasks that carry their member explicitly."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "platform")) if p not in sys.path]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from celery.schedules import crontab  # noqa: E402
from kombu import Queue  # noqa: E402
from tenant_schemas_celery.app import CeleryApp  # noqa: E402

QUEUES = ("provisioning", "notifications", "reminders", "aggregation")


class InfitahCelery(CeleryApp):
    task_cls = "workers.base:MemberTask"


app = InfitahCelery("infitah")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue(name) for name in QUEUES]
app.conf.task_default_queue = "notifications"
app.conf.task_routes = {
    "workers.provisioning.*": {"queue": "provisioning"},
    "workers.sweeps.*": {"queue": "aggregation"},
    "workers.reminders.*": {"queue": "reminders"},
    "workers.notifications.*": {"queue": "notifications"},
    "workers.aggregation.*": {"queue": "aggregation"},
}
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
app.conf.imports = ("workers.provisioning", "workers.sweeps", "workers.reminders",
                    "workers.notifications", "workers.aggregation")
