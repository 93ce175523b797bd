"""Routes each request to the network portal or to one member's schema, by host."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import translation

from tenancy.routing import UNKNOWN, host_from_header, route_for_host

# What stays open on a suspended member's host: its back office (staff fix things there, the
# directorate's assistance included), staff password links and the language switch.
SUSPENDED_MEMBER_OPEN_PATHS = ("/admin/", "/staff/", "/lang/", "/healthz")


class MemberRoutingMiddleware:
    """Like django-tenants' TenantMainMiddleware, with the lookup cached and readiness enforced.

    The network's own hosts get the public schema and URLconf. A member's host gets that
    member's schema, only once the member is ready; a suspended member's public pages (API
    included) get a notice with status 503, its back office stays open. Anything else gets a
    clear 404 page; a Host header that is not a host name (`tetouan.localhost:80@evil.example`)
    gets a 400, never a member.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Read once: settings lookups add up on a path every request takes.
        self.public_urlconf = settings.PUBLIC_SCHEMA_URLCONF
        self.member_urlconf = settings.ROOT_URLCONF
        self.languages = frozenset(code for code, _ in settings.LANGUAGES)

    def __call__(self, request):
        if connection.schema_name != "public":  # left by the previous request's member
            connection.set_schema_to_public()
        # The raw header, checked here once: only a well-formed host is compared with domains.
        raw_host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        host = host_from_header(raw_host)
        if host is None:
            # Plain text: no template, no member, nothing of the header echoed back.
            return HttpResponseBadRequest(
                "Bad Request (400): invalid Host header.", content_type="text/plain; charset=utf-8"
            )
        route = route_for_host(host)

        if route.kind == UNKNOWN:
            return render(request, "tenancy/no_member.html", {"host": host}, status=404)
        if route.kind == "network":
            # No `request.tenant` at all on the network's host (read it with getattr): the
            # admin templates of django-tenants take its absence for the public schema.
            request.urlconf = self.public_urlconf
            return self.get_response(request)

        member = route.member
        if not member.is_ready:
            response = render(request, "tenancy/member_not_ready.html", {"host": host}, status=503)
            response["Retry-After"] = "60"
            return response
        if member.suspended_at is not None and not request.path_info.startswith(
            SUSPENDED_MEMBER_OPEN_PATHS
        ):
            # Before the page cache: a suspended member's cached pages are never served.
            # The locale middleware has not run yet: the visitor's language is read here.
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            with translation.override(
                language if language in self.languages else settings.LANGUAGE_CODE
            ):
                return render(request, "tenancy/member_suspended.html", {"host": host}, status=503)
        member.domain_url = host
        request.tenant = member
        request.urlconf = self.member_urlconf
        connection.set_tenant(member)
        # Not switched back afterwards: the next request on this connection starts by
        # choosing its own schema (see the top of __call__), which saves a switch a request.
        return self.get_response(request)
