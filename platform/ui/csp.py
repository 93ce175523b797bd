"""The headers every page gets, live or from the page cache (any schema): the
Content-Security-Policy, built once per shape of policy, and X-Frame-Options."""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

_NONCE_PLACEHOLDER = "infitah-nonce-placeholder"
_MAX_SHAPES = 1024


def policy_shape(update: dict[str, list[str]] | None) -> tuple:
    """A response's extra sources (`_csp_update`) as a hashable, ordered key. A page served
    from the page cache carries it ready-made (`_csp_shape`), computed when it was stored."""
    return (
        tuple((name, tuple(sources)) for name, sources in sorted(update.items())) if update else ()
    )


class PageHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with each shape of policy built once per process, and
    Django's X-Frame-Options (as its XFrameOptionsMiddleware: kept when a view set it or
    exempted itself). One layer rather than two: a cached page costs ~250 µs in all, and each
    middleware layer a few of them.

    The directives are settings, fixed for the process's life; what varies is a response's
    nonce and, for a page served from the page cache, the hashes of its inline elements
    (tenants/site/page_cache.py). django-csp builds the whole header on every response
    (~50 µs, a tenth of a cached page's cost), so the policy is built once per shape with a
    placeholder for the nonce, which each response then fills in. Anything unusual (a view's
    own config or replacement, a report-only policy) goes the library's way.
    """

    async_capable = False  # the platform is served over WSGI

    def __init__(self, get_response=None):
        super().__init__(get_response)
        self._policies: dict[tuple, str] = {}
        # What `request.csp_nonce` becomes once the header is sent without one: an error if
        # read (as the library), made once rather than per response (it keeps no state).
        self._nonce_too_late = CheckableLazyObject(self._csp_nonce_post_response)

    def __call__(self, request):
        self.process_request(request)  # request.csp_nonce, made on first use
        response = self.get_response(request)
        if "X-Frame-Options" not in response and not getattr(
            response, "xframe_options_exempt", False
        ):
            response.headers["X-Frame-Options"] = getattr(
                settings, "X_FRAME_OPTIONS", "DENY"
            ).upper()
        return self.process_response(request, response)

    def process_response(self, request, response):
        if (
            HEADER in response
            or getattr(response, "_csp_exempt", False)
            or getattr(response, "_csp_config", None)
            or getattr(response, "_csp_replace", None)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        update = getattr(response, "_csp_update", None)
        nonce = getattr(request, "_csp_nonce", None)
        shape = (getattr(response, "_csp_shape", None) or policy_shape(update), nonce is not None)
        policy = self._policies.get(shape)
        if policy is None:
            policy = build_policy(update=update, nonce=_NONCE_PLACEHOLDER if nonce else None)
            if len(self._policies) < _MAX_SHAPES:
                self._policies[shape] = policy
        if policy:
            response[HEADER] = policy.replace(_NONCE_PLACEHOLDER, nonce) if nonce else policy
        if nonce is None:  # as the library: a nonce asked for after the header is an error
            request.csp_nonce = self._nonce_too_late
        return response
