"""The project's own settings with the tenancy taken out, for bench/web.py measure 1b.

Same middleware, apps, cache and database as the platform, minus the member routing (and
the cached-page shortcut that depends on it): what the full stack costs without tenancy, so
that what tenancy adds can be read on its own.
"""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

MIDDLEWARE = [
    m
    for m in MIDDLEWARE
    if m
    not in {
        "tenancy.middleware.MemberRoutingMiddleware",
        "kernel.page_cache.CachedPageMiddleware",
    }
]
ROOT_URLCONF = "config.urls_public"
