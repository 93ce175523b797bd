"""Public pages cached per member, dropped on every change that shows on them.

The key holds the member's content version; any save or delete in a content app bumps it
(after commit), so a change shows at once. Keys carry the schema (django_tenants make_key),
so one member's page is never served on another's host. Only anonymous GETs are cached:
a signed-in member of staff always sees the live page.

Query strings: the key holds only the parameters the public pages read (PAGE_QUERY_PARAMETERS),
each in its known shape; any other (`utm_*`, `fbclid`, a random one) is dropped before the key
is made and before the view runs, so `/?utm_x=1` is `/` and a flood of unique query strings
stores nothing new. A free-text search (`?q=`) is rendered each time, never stored. Known
parameters with made-up values (`?state=<random>`) are bounded too: a page keeps at most
PAGE_CACHE_VARIANTS filtered variants per content version, the rest are rendered live.

Security headers: the page cache sits below the middleware that sets them (SecurityMiddleware,
EdgeMiddleware in ui/edge.py), so a cached page gets them like a live one. Its
inline `<style>` (the member's colours) was allowed by the nonce of the response that rendered
it; served again, the page is allowed by the hashes of its inline elements instead (computed
once, when it is stored) and its header names no nonce: the old nonce left in the body is
inert, since no header ever names it again, and the body stays byte for byte the same.
"""

import base64
import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from events import content_changed_send
from ui.csp import policy_shape

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
        post_save.connect(
            _on_content_saved, sender=model, dispatch_uid=f"pages:{model._meta.label}"
        )
        post_delete.connect(
            _on_content_saved, sender=model, dispatch_uid=f"pages:d:{model._meta.label}"
        )


# The content version this process saw last, per member: lets one round trip to the cache
# fetch both the current version and the page cached under it (the usual case).
_last_seen_version: dict[str, int] = {}


# The parameters the public pages read (filters and page numbers), each with the shape of a
# value they accept; a value of another shape is dropped (the views would ignore it anyway).
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
_CHOICE = re.compile(r"[a-z0-9_-]{1,40}")
PAGE_QUERY_PARAMETERS = {
    "page": _PAGE_NUMBER,
    "state": _CHOICE,
    "overdue": _CHOICE,
    "kind": _CHOICE,
    "principle": _CHOICE,
    "completion": _CHOICE,
    "status": _CHOICE,
    "category": _CHOICE,
}
# Free text: every search would be a new entry, so a page with one is never stored.
PAGE_UNCACHED_PARAMETERS = frozenset({"q"})
# Filtered variants of one page stored per content version (the real filters' combinations
# that people open fit; made-up values beyond it are rendered, not stored).
PAGE_CACHE_VARIANTS = 64


def page_query(query_string: str) -> str | None:
    """The part of a query string a cached page depends on, in one order, or None when the
    page must not be cached (a free-text search)."""
    if not query_string:
        return ""
    given = QueryDict(query_string)
    if not PAGE_UNCACHED_PARAMETERS.isdisjoint(given):
        return None
    kept = QueryDict(mutable=True)
    for name in sorted(given):
        shape = PAGE_QUERY_PARAMETERS.get(name)
        value = given.get(name)  # the last one, as the views read it
        if shape is not None and shape.fullmatch(value):
            kept[name] = value
    return kept.urlencode()


# Bumped when what a cached page holds changes shape, so a deploy never reads the old kind.
_ENTRY_FORMAT = 2


def _page_key(version: int, request, language: str, query: str) -> str:
    return f"page{_ENTRY_FORMAT}:{version}:{language}:{request.path}?{query}"


def _variant_allowed(version: int, request, language: str, query: str) -> bool:
    """Whether one more filtered variant of this page may be stored (the bare page always)."""
    if not query:
        return True
    key = f"page-variants:{version}:{language}:{request.path}"
    cache.add(key, 0, settings.PAGE_CACHE_SECONDS)
    try:
        return cache.incr(key) <= PAGE_CACHE_VARIANTS
    except ValueError:  # expired between the two calls: count from here
        return False


def _cached_page(request, language: str, query: str) -> tuple[int, tuple | None]:
    """The current content version and the page cached under it (or None)."""
    schema = connection.schema_name
    guess = _last_seen_version.get(schema)
    if guess is not None:
        guessed_key = _page_key(guess, request, language, query)
        found = cache.get_many([VERSION_KEY, guessed_key])
        if found.get(VERSION_KEY) == guess:
            return guess, found.get(guessed_key)
    version = content_version()
    _last_seen_version[schema] = version
    return version, cache.get(_page_key(version, request, language, query))


def _is_anonymous_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and bool(settings.PAGE_CACHE_SECONDS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


_INLINE_ELEMENT = re.compile(rb"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)


def inline_hashes(content: bytes) -> dict[str, list[str]]:
    """The CSP sources that allow a page's inline scripts and styles by their SHA-256, as
    django-csp's `_csp_update` takes them ({"style-src": ["'sha256-…'"]})."""
    sources: dict[str, list[str]] = {}
    for tag, attributes, body in _INLINE_ELEMENT.findall(content):
        if b"src=" in attributes.lower():
            continue  # a script from a file: allowed by 'self', nothing inline
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        sources.setdefault(f"{tag.lower().decode()}-src", []).append(f"'sha256-{digest}'")
    return sources


def _response_from_cache(cached: tuple) -> HttpResponse:
    content, content_type, csp_sources, csp_shape = cached
    response = HttpResponse(content, content_type=content_type)
    if csp_sources:
        response._csp_update = csp_sources  # read by django-csp's middleware
        response._csp_shape = csp_shape  # the same, as the key of a policy built once (ui/csp.py)
    return response


def _keep_only_page_query(request, query: str) -> None:
    """The view (and the links it renders from the full path) sees only the parameters the
    key holds: what it shows cannot depend on anything else."""
    if request.META.get("QUERY_STRING", "") != query:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def cache_public_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        query = page_query(request.META.get("QUERY_STRING", ""))
        if not _is_anonymous_read(request) or query is None:
            return view(request, *args, **kwargs)
        _keep_only_page_query(request, query)
        version, cached = _cached_page(request, get_language(), query)
        if cached is not None:
            response = _response_from_cache(cached)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if (
                response.status_code == 200
                and not response.cookies
                and not response.streaming
                and _variant_allowed(version, request, get_language(), query)
            ):
                # The body, its type and its inline elements' hashes: small, quick to rebuild.
                sources = inline_hashes(response.content)
                cache.set(
                    _page_key(version, request, get_language(), query),
                    (response.content, response["Content-Type"], sources, policy_shape(sources)),
                    settings.PAGE_CACHE_SECONDS,
                )
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


class CachedPageMiddleware:
    """Serves a member's cached public page before sessions, CSRF, auth and messages run.

    Placed right after the member routing: an anonymous visitor's GET whose page is in the
    cache (put there by `cache_public_page`) costs one cache round trip and no more. Paths of
    the back office, the API, files and the language switch are never looked up.
    """

    SKIPPED_PREFIXES = ("/api/", "/admin/", "/static/", "/media/", "/staff/", "/lang/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookie_name = settings.LANGUAGE_COOKIE_NAME
        self.languages = frozenset(code for code, _ in settings.LANGUAGES)
        self.default_language = settings.LANGUAGE_CODE

    def __call__(self, request):
        if (
            getattr(request, "tenant", None) is None
            or not _is_anonymous_read(request)
            or request.path.startswith(self.SKIPPED_PREFIXES)
        ):
            return self.get_response(request)
        query = page_query(request.META.get("QUERY_STRING", ""))
        if query is None:
            return self.get_response(request)
        chosen = request.COOKIES.get(self.cookie_name)
        language = chosen if chosen in self.languages else self.default_language
        _, cached = _cached_page(request, language, query)
        if cached is None:
            return self.get_response(request)
        response = _response_from_cache(cached)
        # A fresh response: its two headers are known values (a language of the settings,
        # "Cookie"), written past Django's per-header checks and Vary's parsing (~3 µs).
        response.headers._store.update(
            {"content-language": ("Content-Language", language), "vary": ("Vary", "Cookie")}
        )
        return response
