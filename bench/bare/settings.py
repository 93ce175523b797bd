"""Bare Django for bench/web.py: the same view as /healthz, nothing in front of it.

No middleware, no apps, no database, no tenancy: what Django itself costs per request under
the same gunicorn, so the full stack's overhead can be read as a ratio.
"""

SECRET_KEY = "bench-bare-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.bare.urls"
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
