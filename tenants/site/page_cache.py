"""Public pages cached per member, dropped on every change that shows on them.

The key holds the member's content version; any save or delete in a content app bumps it
(after commit), so a change shows at once. Keys carry the schema (django_tenants make_key),
so one member's page is never served on another's host. Only anonymous GETs are cached:
a signed-in member of staff always sees the live page.
"""
import functools

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from events import content_changed_send

VERSION_KEY = "site:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed() -> None:
    """Drop the current member's cached pages (lazily: their keys are no longer asked for)
    and tell whoever listens (the snapshot refresh) that this member changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    content_changed_send()


def _on_content_saved(sender, **kwargs) -> None:
    transaction.on_commit(content_changed)


def invalidate_pages_on_change(app_config) -> None:
    """Call from a content app's AppConfig.ready()."""
    for model in app_config.get_models():
        post_save.connect(_on_content_saved, sender=model, dispatch_uid=f"pages:{model._meta.label}")
        post_delete.connect(_on_content_saved, sender=model, dispatch_uid=f"pages:d:{model._meta.label}")


# The content version this process saw last, per member: lets one round trip to the cache
# fetch both the current version and the page cached under it (the usual case).
_last_seen_version: dict[str, int] = {}


def _page_key(version: int, request, language: str) -> str:
    return f"page:{version}:{language}:{request.get_full_path()}"


def _cached_page(request, language: str) -> tuple[int, tuple | None]:
    """The current content version and the page cached under it (or None)."""
    schema = connection.schema_name
    guess = _last_seen_version.get(schema)
    if guess is not None:
        guessed_key = _page_key(guess, request, language)
        found = cache.get_many([VERSION_KEY, guessed_key])
        if found.get(VERSION_KEY) == guess:
            return guess, found.get(guessed_key)
    version = content_version()
    _last_seen_version[schema] = version
    return version, cache.get(_page_key(version, request, language))


def _is_anonymous_read(request) -> bool:
    return (request.method in ("GET", "HEAD") and bool(settings.PAGE_CACHE_SECONDS)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


def _response_from_cache(cached: tuple) -> HttpResponse:
    content, content_type = cached
    return HttpResponse(content, content_type=content_type)


def cache_public_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_anonymous_read(request):
            return view(request, *args, **kwargs)
        version, cached = _cached_page(request, get_language())
        if cached is not None:
            response = _response_from_cache(cached)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies and not response.streaming:
                # Only the body and its type: small to store, quick to rebuild.
                cache.set(_page_key(version, request, get_language()),
                          (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        return response
    return wrapper


class CachedPageMiddleware:
    """Serves a member's cached public page before sessions, CSRF, auth and messages run.

    Placed right after the member routing: an anonymous visitor's GET whose page is in the
    cache (put there by `cache_public_page`) costs one cache round trip and no more. Paths of
    the back office, the API, files and the language switch are never looked up.
    """

    SKIPPED_PREFIXES = ("/api/", "/admin/", "/static/", "/media/", "/staff/", "/lang/",
                        "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookie_name = settings.LANGUAGE_COOKIE_NAME
        self.languages = frozenset(code for code, _ in settings.LANGUAGES)
        self.default_language = settings.LANGUAGE_CODE

    def __call__(self, request):
        if (getattr(request, "tenant", None) is None or not _is_anonymous_read(request)
                or request.path.startswith(self.SKIPPED_PREFIXES)):
            return self.get_response(request)
        chosen = request.COOKIES.get(self.cookie_name)
        language = chosen if chosen in self.languages else self.default_language
        _, cached = _cached_page(request, language)
        if cached is None:
            return self.get_response(request)
        response = _response_from_cache(cached)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Cookie"])
        return response
