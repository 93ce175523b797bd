"""Observability: structured logs with their context, error reporting, readiness, metrics.

Every log line, web and workers, carries the member's schema, the request id and the signed-in
person's role (context.py, logs.py); SENTRY_DSN turns error reporting on (errors.py); the
network host answers /readyz (readiness.py) and /metrics (metrics.py).
"""
