"""Host -> member lookup, cached so that a warm request makes no query to find its member.

Two levels: a per-process dictionary (a few seconds, no I/O at all) in front of the shared
cache (Redis, invalidated explicitly when a member or a domain changes). A host that matches
no member is cached too, briefly, so a flood of unknown hosts cannot hammer the database.
"""
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import caches
from django_tenants.utils import get_tenant_domain_model, get_tenant_model

UNKNOWN = "unknown"


@dataclass
class Route:
    """What the middleware needs to know about a host."""
    kind: str  # "network", "member" or UNKNOWN
    member_fields: dict | None = None

    @cached_property
    def member(self):
        """A Member instance built once per process from the cached fields, without a query."""
        return get_tenant_model()(**self.member_fields)

    def __getstate__(self):
        # The shared cache keeps the fields only; each process builds its own instance.
        return {"kind": self.kind, "member_fields": self.member_fields}


NETWORK_ROUTE = Route(kind="network")
UNKNOWN_ROUTE = Route(kind=UNKNOWN)

_local: dict[str, tuple[float, Route]] = {}


def _shared_key(host: str) -> str:
    return f"routing:host:{host}"


def normalize_host(host: str) -> str:
    host = host.split(":")[0].lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _route_from_database(host: str) -> Route:
    domain = (get_tenant_domain_model().objects.select_related("tenant")
              .filter(domain=host).first())
    if domain is None:
        return UNKNOWN_ROUTE
    member = domain.tenant
    fields = {f.attname: getattr(member, f.attname) for f in member._meta.concrete_fields}
    return Route(kind="member", member_fields=fields)


def route_for_host(host: str) -> Route:
    host = normalize_host(host)
    now = time.monotonic()
    local = _local.get(host)
    if local and local[0] > now:
        return local[1]
    if host in settings.NETWORK_HOSTS:
        return NETWORK_ROUTE
    cache = caches["routing"]
    route = cache.get(_shared_key(host))
    if route is None:
        route = _route_from_database(host)
        timeout = settings.ROUTING_SHARED_SECONDS if route.kind != UNKNOWN else 30
        cache.set(_shared_key(host), route, timeout)
    _local[host] = (now + settings.ROUTING_LOCAL_SECONDS, route)
    return route


def routing_forget_hosts(hosts: list[str]) -> None:
    """Drop hosts from the shared cache (other processes' local copies expire within seconds)."""
    caches["routing"].delete_many([_shared_key(normalize_host(h)) for h in hosts])
    for host in hosts:
        _local.pop(normalize_host(host), None)
