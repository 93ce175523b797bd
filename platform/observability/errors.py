"""Error reporting (optional): with SENTRY_DSN set, sentry-sdk with its Django and Celery
integrations; without it, nothing is imported or started."""

from observability import context


def _tag(event, hint):
    """The member's schema, the role and the request id on every event; no personal data."""
    tags = event.setdefault("tags", {})
    tags["schema"] = context.schema() or "-"
    tags["role"] = context.role() or "visitor"
    request_id = context.request_id()
    if request_id:
        tags["request_id"] = request_id
    task, task_id = context.task()
    if task:
        tags["task"] = task
    return event


def error_reporting_start(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,  # no addresses, cookies or user e-mails leave the platform
        traces_sample_rate=traces_sample_rate,
        before_send=_tag,
    )
