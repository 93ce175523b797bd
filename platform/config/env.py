"""Settings read from the environment, with safe defaults for development."""

import os


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def celery_url(redis_url: str) -> str:
    """Kombu spells a Redis Unix socket `redis+socket://`, redis-py `unix://`."""
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url[len("unix://") :]
    return redis_url


# Keys anyone can read (a shipped compose file, deploy/local.py): a process that runs with one
# of them signs staff assistance links and sessions that anyone can forge.
DEVELOPMENT_SECRET_KEY = "dev-only-secret-key-change-me-in-production"
PUBLIC_SECRET_KEYS = frozenset({DEVELOPMENT_SECRET_KEY, "change-me-before-going-live", "change-me"})


def secret_key(name: str, *, debug: bool) -> str:
    """The secret key; outside development, a missing or public one stops the process."""
    value = os.environ.get(name, "").strip()
    if debug:
        return value or DEVELOPMENT_SECRET_KEY
    if not value or value in PUBLIC_SECRET_KEYS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"{name} is {'a public placeholder' if value else 'not set'}: set it to a long "
            "random value of your own (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or DJANGO_DEBUG=1 for development."
        )
    return value
