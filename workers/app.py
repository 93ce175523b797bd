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
}
# Network-wide sweeps: one entry each, fanned out over ready members by the task itself
# (never one beat entry per member, which would hit members still being provisioned).
app.conf.beat_schedule = {
    "members-schema-check": {
        "task": "workers.sweeps.members_schema_check",
        "schedule": crontab(hour=3, minute=17),
    },
    "information-requests-overdue": {
        "task": "workers.sweeps.information_requests_overdue_sweep",
        "schedule": crontab(hour=7, minute=5),
    },
    "members-spare-schemas": {
        "task": "workers.provisioning.refill_spare_schemas",
        "schedule": crontab(minute="*/10"),
    },
    "members-ping": {
        "task": "workers.sweeps.members_ping_sweep",
        "schedule": crontab(minute=0, hour="*/6"),
    },
}
app.conf.imports = ("workers.provisioning", "workers.sweeps")
