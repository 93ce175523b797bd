"""What every log line says about where it comes from: the request (id, role) or the task.

Context variables, set by the request middleware and the workers' task signals. Nothing here
queries anything on the way in: the role is only worked out when a line is written.
"""

import hashlib
import itertools
import logging
import os
import re
import secrets
from contextvars import ContextVar

from django.db import connection

logger = logging.getLogger(__name__)

_request: ContextVar = ContextVar("infitah_request", default=None)
_request_id: ContextVar = ContextVar("infitah_request_id", default=None)
_task: ContextVar = ContextVar("infitah_task", default=None)  # (name, id)

# An incoming X-Request-ID is kept when it looks like an id (a proxy's, a load balancer's);
# anything else (too long, spaces, control characters) is replaced, never echoed.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@+=/-]{8,128}")
_UNSET = object()
_computing_role = ContextVar("infitah_computing_role", default=False)


def request_id_for(incoming: str | None) -> str:
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    # Unique without a system call per request: a random prefix per process and a counter
    # (an id correlates lines, it is no secret).
    return f"{_id_prefix}{next(_id_counter):016x}"


def _ids_renew() -> None:
    """A new prefix in each process, forked gunicorn and Celery children included."""
    global _id_prefix, _id_counter
    _id_prefix, _id_counter = secrets.token_hex(8), itertools.count()


_ids_renew()
os.register_at_fork(after_in_child=_ids_renew)


def request_bind(request, request_id: str) -> None:
    """From the first middleware to the end of the response (request_unbind, among the
    response's closers, ui/edge.py): Django's own "Not Found"/"Forbidden" lines are written
    after the middleware returned, and they carry the context too."""
    _request.set(request)
    _request_id.set(request_id)


def request_unbind() -> None:
    _request.set(None)
    _request_id.set(None)


def task_bind(name: str | None, task_id: str | None) -> None:
    _task.set((name, task_id) if name else None)


def request_id() -> str | None:
    return _request_id.get()


def task() -> tuple[str | None, str | None]:
    return _task.get() or (None, None)


def schema() -> str | None:
    try:
        return getattr(connection, "schema_name", None)
    except Exception:  # settings not configured yet (a line written at start-up)
        return None


def role() -> str | None:
    """The signed-in person's role: a member staff role on a member's host, a network role on
    the network's; None for visitors and in workers. Worked out once per request, and only
    when a line is written: a request that logs nothing costs nothing."""
    request = _request.get()
    if request is None or _computing_role.get():
        return None
    cached = request.__dict__.get("_observability_role", _UNSET)
    if cached is not _UNSET:
        return cached
    token = _computing_role.set(True)  # the queries below may log: no loop
    try:
        value = _role_of(request)
    except Exception:  # a broken transaction, a lost connection: the line still goes out
        return None
    finally:
        _computing_role.reset(token)
    request._observability_role = value
    return value


def _role_of(request) -> str | None:
    from django.conf import settings

    user = request.__dict__.get("_cached_user")
    if user is None:
        # Nobody read request.user yet: a visitor without a session has no role, and reading
        # a session just for a log line is only worth it when there is one.
        if "user" not in request.__dict__ or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    from django.utils.module_loading import import_string
    from django_tenants.utils import get_public_schema_name

    # The network's roles and the members' are read through the functions the settings name:
    # platform code imports neither side.
    if connection.schema_name == get_public_schema_name():
        found = import_string(settings.NETWORK_ROLE_OF)(user)
        return found.role if found else ("superuser" if user.is_superuser else None)
    return import_string(settings.MEMBER_ROLE_OF)(user)


def identity_digest(identity: str) -> str:
    """A short digest of a sign-in identity: repeated attempts on one account can be told
    apart in the logs without writing the e-mail address there."""
    return hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:12]
