"""Host -> member lookup, cached so that a warm request makes no query to find its member.

Two levels: a per-process dictionary (a few seconds, no I/O at all) in front of the shared
cache (Redis, invalidated explicitly when a member or a domain changes). A host that matches
no member is cached too, briefly, so a flood of unknown hosts cannot hammer the database.
The dictionary is bounded (least recently used hosts go first): random Host headers cannot
grow a process's memory. A Host header that is not a host name is refused before any lookup.
"""

import re
import threading
import time
from collections import OrderedDict
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


class BoundedRoutes:
    """host -> (expiry, Route), at most `max_hosts` of them, the least recently used dropped
    first. A lock keeps the order consistent under a threaded server (~0.1 µs a request)."""

    def __init__(self, max_hosts: int):
        self.max_hosts = max_hosts
        self._entries: OrderedDict[str, tuple[float, Route]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, host: str) -> tuple[float, Route] | None:
        with self._lock:
            entry = self._entries.get(host)
            if entry is not None:
                self._entries.move_to_end(host)
            return entry

    def put(self, host: str, entry: tuple[float, Route]) -> None:
        with self._lock:
            self._entries[host] = entry
            self._entries.move_to_end(host)
            while len(self._entries) > self.max_hosts:
                self._entries.popitem(last=False)

    def pop(self, host: str, default=None):
        with self._lock:
            return self._entries.pop(host, default)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, host: str) -> bool:
        return host in self._entries


_local = BoundedRoutes(settings.ROUTING_LOCAL_MAX_HOSTS)


def _shared_key(host: str) -> str:
    return f"routing:host:{host}"


# A host name (labels of letters, digits, "-" and "_": a domain with "_" is a clear 404, not a
# 400) or a bracketed IPv6 address, then an optional port. Nothing else: no "@", no space.
_HOST_RE = re.compile(
    r"^(?:(?P<name>[a-z0-9_.-]{1,253})|(?P<ipv6>\[[0-9a-f:.]+\]))"
    r"(?::[0-9]{1,5})?$"
)
_LABEL_MAX = 63


def host_from_header(raw: str) -> str | None:
    """The host a Host header names, normalized (lower case, no port, no final dot, no
    "www."), or None when the header is not a host name (-> 400).

    Remembered per header value (a pure function: never stale), so the usual request reads a
    dictionary rather than running the expression; bounded like the routes (emptied when full)."""
    try:
        return _hosts_read[raw]
    except KeyError:
        pass
    host = _host_parsed(raw)
    if len(_hosts_read) >= settings.ROUTING_LOCAL_MAX_HOSTS:
        _hosts_read.clear()
    _hosts_read[raw] = host
    return host


_hosts_read: dict[str, str | None] = {}


def _host_parsed(raw: str) -> str | None:
    match = _HOST_RE.match(raw.strip().lower())
    if match is None:
        return None
    if match["ipv6"]:
        return match["ipv6"]
    name = match["name"]
    name = name[:-1] if name.endswith(".") else name
    if not name or any(not label or len(label) > _LABEL_MAX for label in name.split(".")):
        return None
    return name[4:] if name.startswith("www.") else name


def normalize_host(host: str) -> str:
    """Like `host_from_header`, for hosts the code itself holds (domains of members)."""
    return host_from_header(host) or host.lower()


def _route_from_database(host: str) -> Route:
    domain = get_tenant_domain_model().objects.select_related("tenant").filter(domain=host).first()
    if domain is None:
        return UNKNOWN_ROUTE
    member = domain.tenant
    fields = {f.attname: getattr(member, f.attname) for f in member._meta.concrete_fields}
    return Route(kind="member", member_fields=fields)


def route_for_host(host: str) -> Route:
    """The route of a host as `host_from_header` returns it."""
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
    _local.put(host, (now + settings.ROUTING_LOCAL_SECONDS, route))
    return route


def routing_forget_hosts(hosts: list[str]) -> None:
    """Drop hosts from the shared cache (other processes' local copies expire within seconds)."""
    caches["routing"].delete_many([_shared_key(normalize_host(h)) for h in hosts])
    for host in hosts:
        _local.pop(normalize_host(host), None)
