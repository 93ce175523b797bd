"""Who may read what on the network (public schema).

Every question is answered from the user's NetworkRole, and only in the public schema: a
member's staff account (a User of that member's schema, whose id may equal a network
account's) never gets a network right, wherever the question is asked.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_tenants.utils import get_public_schema_name
from rest_framework.permissions import SAFE_METHODS, BasePermission

from network.accounts.models import NetworkRole, NetworkRoleKind
from network.registry.models import Tier

_UNSET = object()


def network_role(user) -> NetworkRole | None:
    """The user's network role, or None (anonymous, inactive, or not in the public schema)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if connection.schema_name != get_public_schema_name():
        return None
    cached = getattr(user, "_network_role", _UNSET)
    if cached is _UNSET:
        cached = NetworkRole.objects.filter(user_id=user.pk).first()
        user._network_role = cached
    return cached


def is_directorate(user) -> bool:
    role = network_role(user)
    return role is not None and role.role == NetworkRoleKind.DIRECTORATE


def region_codes_readable_by(user) -> set[str] | None:
    """The HCP codes of the regions the user may read: None means every region."""
    role = network_role(user)
    if role is None:
        return set()
    if role.role == NetworkRoleKind.DIRECTORATE:
        return None
    return {role.region_id} if role.region_id else set()


def can_read_region(user, region_code: str) -> bool:
    codes = region_codes_readable_by(user)
    return codes is None or region_code in codes


def member_region_code(member) -> str | None:
    """The region a member belongs to: its collectivity's region, or itself for a region."""
    collectivity = member.collectivity
    if collectivity.tier == Tier.REGION:
        return collectivity.code
    return collectivity.region_id


def can_read_member(user, member) -> bool:
    codes = region_codes_readable_by(user)
    if codes is None:
        return True
    return bool(codes) and member_region_code(member) in codes


def _sign_in_redirect(request):
    return redirect(reverse("network-sign-in") + "?" + urlencode({"next": request.get_full_path()}))


def require_network_host(request) -> None:
    """404 on a member's host: network pages answer on the network's host only."""
    if getattr(request, "tenant", None) is not None:
        raise Http404


def directorate_required(view):
    """A network page for directorate administrators only: others are asked to sign in
    (anonymous) or refused with 403 (signed in without the role)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_network_host(request)
        if not request.user.is_authenticated:
            return _sign_in_redirect(request)
        if not is_directorate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def region_reader_required(view):
    """A network page about one region (URL kwarg `region_code`): the directorate and that
    region's focal point only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_network_host(request)
        if not request.user.is_authenticated:
            return _sign_in_redirect(request)
        if not can_read_region(request.user, kwargs.get("region_code", "")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class IsDirectorate(BasePermission):
    def has_permission(self, request, view) -> bool:
        return is_directorate(request.user)


class DirectorateWritesOrReadOnly(BasePermission):
    """Anyone reads (what the view shows them); only the directorate writes."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_directorate(request.user)


class CanReadRegion(BasePermission):
    """The URL's `region_code` (if any) must be readable; objects are checked as members
    (anything with a `collectivity`) or as regions (anything with a `region_code`)."""

    def has_permission(self, request, view) -> bool:
        if network_role(request.user) is None:
            return False
        region_code = view.kwargs.get("region_code")
        return region_code is None or can_read_region(request.user, region_code)

    def has_object_permission(self, request, view, obj) -> bool:
        if hasattr(obj, "collectivity"):
            return can_read_member(request.user, obj)
        region_code = getattr(obj, "region_code", None)
        return region_code is not None and can_read_region(request.user, region_code)
