"""Log lines with their context: one filter that adds it, a JSON formatter for production, and
the LOGGING dictionary the settings use (web, workers and commands alike)."""

import json
import logging
from datetime import datetime, UTC

from observability import context

CONTEXT_FIELDS = ("schema", "request_id", "role", "task", "task_id")
PLAIN_FORMAT = (
    "%(asctime)s %(levelname)s %(name)s [%(schema)s %(request_id)s %(role)s"
    "%(task_label)s] %(message)s"
)
# What the standard LogRecord carries by itself: anything else was passed in `extra=`.
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "task_label",
    *CONTEXT_FIELDS,
}


class ContextFilter(logging.Filter):
    """Adds the member's schema, the request id, the role and the task to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.schema = context.schema()
        record.request_id = context.request_id()
        record.role = context.role()
        record.task, record.task_id = context.task()
        record.task_label = f" {record.task} {record.task_id}" if record.task else ""
        return True


class PlainFormatter(logging.Formatter):
    """Development: one readable line, with "-" where the context has nothing."""

    def format(self, record: logging.LogRecord) -> str:
        for field in ("schema", "request_id", "role"):
            if getattr(record, field, None) is None:
                setattr(record, field, "-")
        record.task_label = getattr(record, "task_label", "")
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """Production: one JSON object per line, the context as fields, `extra=` fields too."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            line[field] = getattr(record, field, None)
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: `log_format` "json" or "plain", `level` the root level."""
    formatter = (
        {"()": "observability.logs.JsonFormatter"}
        if log_format == "json"
        else {"()": "observability.logs.PlainFormatter", "format": PLAIN_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "observability.logs.ContextFilter"}},
        "formatters": {"infitah": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["context"],
                "formatter": "infitah",
            }
        },
        "root": {"handlers": ["console"], "level": level.upper()},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Celery's own loggers go through the same handler (the workers keep Django's
            # configuration: workers/app.py).
            "celery": {"level": level.upper()},
        },
    }
