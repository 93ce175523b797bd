"""The headers every page gets, live or from the page cache (any schema): the
Content-Security-Policy, built once per shape of policy, and X-Frame-Options."""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_NONCE_PLACEHOLDER = "infitah-nonce-placeholder"
_MAX_SHAPES = 1024
_HEADER_KEY = HEADER.lower()


def _checked(value: str) -> str:
    """A header value written without Django's per-header checks passes them once, when it is
    made: ASCII only (what HTTP/1.1 headers carry) and no line break (header injection)."""
    if not value.isascii() or "\n" in value or "\r" in value:
        raise ImproperlyConfigured(f"not a safe header value: {value!r}")
    return value


def policy_shape(update: dict[str, list[str]] | None) -> tuple:
    """A response's extra sources (`_csp_update`) as a hashable, ordered key. A page served
    from the page cache carries it ready-made (`_csp_shape`), computed when it was stored."""
    return (
        tuple((name, tuple(sources)) for name, sources in sorted(update.items())) if update else ()
    )


class _NonceOnFirstUse:
    """`request.csp_nonce`: the response's nonce, made the first time a template prints it.
    What django-csp's lazy object does (str() makes it, bool() says whether it was made),
    without its cost on the many responses that never print it (a cached page: ~2 µs)."""

    __slots__ = ("_middleware", "_request")

    def __init__(self, middleware, request):
        self._middleware = middleware
        self._request = request

    def __str__(self) -> str:
        return self._middleware._make_nonce(self._request)

    def __bool__(self) -> bool:
        return isinstance(self._request.__dict__.get("_csp_nonce"), str)


class PageHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with each shape of policy built once per process, and
    Django's X-Frame-Options (as its XFrameOptionsMiddleware: kept when a view set it or
    exempted itself), for the edge (ui/edge.py), which serves them in one layer.

    The directives are settings, fixed for the process's life; what varies is a response's
    nonce and, for a page served from the page cache, the hashes of its inline elements
    (kernel/page_cache.py). django-csp builds the whole header on every response
    (~50 µs, a tenth of a cached page's cost), so the policy is built once per shape with a
    placeholder for the nonce, which each response then fills in. Anything unusual (a view's
    own config or replacement, a report-only policy) goes the library's way. The values are
    checked once when made and written past Django's per-header checks (a few µs a header).
    """

    async_capable = False  # the platform is served over WSGI

    def __init__(self, get_response=None):
        super().__init__(get_response)
        self._policies: dict[tuple, str] = {}
        # What `request.csp_nonce` becomes once the header is sent without one: an error if
        # read (as the library), made once rather than per response (it keeps no state).
        self._nonce_too_late = CheckableLazyObject(self._csp_nonce_post_response)
        self._frame_options = _checked(getattr(settings, "X_FRAME_OPTIONS", "DENY").upper())

    def __call__(self, request):
        return self.headed_response(request)

    def headed_response(self, request):
        request.csp_nonce = _NonceOnFirstUse(self, request)
        response = self.get_response(request)
        attributes = response.__dict__  # what views and decorators set, read without getattr
        if "x-frame-options" not in response.headers._store and not attributes.get(
            "xframe_options_exempt"
        ):
            response.headers._store["x-frame-options"] = ("X-Frame-Options", self._frame_options)
        return self.process_response(request, response)

    def process_response(self, request, response):
        attributes = response.__dict__
        if (
            _HEADER_KEY in response.headers._store
            or attributes.get("_csp_exempt")
            or attributes.get("_csp_config")
            or attributes.get("_csp_replace")
            or settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        update = attributes.get("_csp_update")
        nonce = request.__dict__.get("_csp_nonce")
        shape = (attributes.get("_csp_shape") or policy_shape(update), nonce is not None)
        policy = self._policies.get(shape)
        if policy is None:
            policy = _checked(
                build_policy(update=update, nonce=_NONCE_PLACEHOLDER if nonce else None)
            )
            if len(self._policies) < _MAX_SHAPES:
                self._policies[shape] = policy
        if policy:
            response.headers._store[_HEADER_KEY] = (
                HEADER,
                policy.replace(_NONCE_PLACEHOLDER, nonce) if nonce else policy,
            )
        if nonce is None:  # as the library: a nonce asked for after the header is an error
            request.csp_nonce = self._nonce_too_late
        return response
