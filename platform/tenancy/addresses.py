"""A member's address, made in one place: `https://tetouan.example.ma/` (with a trailing slash),
from its primary domain, the scheme of the deployment (or the one a network page asks for) and
SITE_PORT_HINT (":8000" on the development server).

- `member_site_url(member)`: any member, from any schema (network pages, exports, workers).
- `current_member_site_url()`: the member whose schema is active, for links in e-mails written
  outside a request (receivers, workers); with a request, the address the visitor reached.
"""

import time

from django.conf import settings
from django.db import connection
from django_tenants.utils import get_tenant_domain_model

# Each process remembers the current member's address a minute: a new primary domain shows
# soon, and a digest of a thousand e-mails reads it once.
CURRENT_SECONDS = 60
_current: dict[str, tuple[str, float]] = {}


def site_scheme() -> str:
    """The deployment's scheme: http on the development servers (DEBUG), https otherwise."""
    return "http" if settings.DEBUG else "https"


def member_site_url(member, *, scheme: str | None = None) -> str:
    """`member`'s address on its primary domain, "" when it has none. Uses the primary domain
    a caller prefetched (`primary_domains`, as member_directory() does), else one query."""
    prefetched = getattr(member, "primary_domains", None)
    if prefetched is not None:
        domain = prefetched[0].domain if prefetched else None
    else:
        domain = (
            get_tenant_domain_model()
            .objects.filter(tenant_id=member.pk, is_primary=True)
            .values_list("domain", flat=True)
            .first()
        )
    return f"{scheme or site_scheme()}://{domain}{settings.SITE_PORT_HINT}/" if domain else ""


def current_member_site_url(request=None) -> str:
    """The current member's address. With a request, the one the visitor reached (host routing
    lets only this member's domains in), so a link e-mailed back works where they are;
    without, its primary domain's (remembered CURRENT_SECONDS)."""
    if request is not None:
        return request.build_absolute_uri("/")
    member = getattr(connection, "tenant", None)
    if getattr(member, "pk", None) is None:  # the public schema's stand-in has no row
        return ""
    now = time.monotonic()
    remembered = _current.get(connection.schema_name)
    if remembered is None or remembered[1] < now:
        remembered = _current[connection.schema_name] = (
            member_site_url(member),
            now + CURRENT_SECONDS,
        )
    return remembered[0]
