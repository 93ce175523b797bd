"""Routes each request to the network portal or to one member's schema, by host."""
from django.conf import settings
from django.db import connection
from django.shortcuts import render

from tenancy.routing import UNKNOWN, route_for_host


class MemberRoutingMiddleware:
    """Like django-tenants' TenantMainMiddleware, with the lookup cached and readiness enforced.

    The network's own hosts get the public schema and URLconf. A member's host gets that
    member's schema, only once the member is ready. Anything else gets a clear 404 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Read once: settings lookups add up on a path every request takes.
        self.public_urlconf = settings.PUBLIC_SCHEMA_URLCONF
        self.member_urlconf = settings.ROOT_URLCONF

    def __call__(self, request):
        if connection.schema_name != "public":  # left by the previous request's member
            connection.set_schema_to_public()
        # The raw header is enough: it is only ever compared with known domains.
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        route = route_for_host(host) if host else None

        if route is None or route.kind == UNKNOWN:
            return render(request, "tenancy/no_member.html", {"host": host}, status=404)
        if route.kind == "network":
            request.tenant = None
            request.urlconf = self.public_urlconf
            return self.get_response(request)

        member = route.member
        if not member.is_ready:
            response = render(request, "tenancy/member_not_ready.html", {"host": host}, status=503)
            response["Retry-After"] = "60"
            return response
        member.domain_url = host
        request.tenant = member
        request.urlconf = self.member_urlconf
        connection.set_tenant(member)
        # Not switched back afterwards: the next request on this connection starts by
        # choosing its own schema (see the top of __call__), which saves a switch a request.
        return self.get_response(request)
