"""The member APIs check staff in one way: each operation is public (`AllowAny`), takes the
model's permissions (the project's default), or names what it needs for `StaffMay`; the roles
give the permissions (tenants/site/roles.py). No API writes a permission class of its own."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import AllowAny, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.test import APIRequestFactory

from kernel.permissions import StaffMay

ONE_WAY = {AllowAny, DjangoModelPermissionsOrAnonReadOnly, StaffMay}


def _api_views(patterns=None):
    if patterns is None:
        patterns = get_resolver("config.urls_tenant").url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "cls"):
            yield pattern.callback.cls


def test_every_member_api_checks_staff_one_way():
    views = set(_api_views())
    staff_views = {view for view in views if StaffMay in view.permission_classes}
    assert len(staff_views) >= 10  # consultations, information requests, meetings, petitions
    for view in views:
        assert set(view.permission_classes) <= ONE_WAY, view
    for view in staff_views:
        assert "required_perms" in dir(view), view


def _allowed(tetouan, in_member, role: str | None, perms: list[str], method: str = "get"):
    from tenants.consultations.tests.factories import staff_user

    class View:
        required_perms = perms

    with in_member(tetouan):
        request = getattr(APIRequestFactory(), method)("/")
        if role:
            request.user = staff_user(role, username=role)
        else:
            request.user = AnonymousUser()
        return StaffMay().has_permission(request, View())


@pytest.mark.parametrize(
    "role, perms, allowed",
    [
        (None, ["consultations.view_comment"], False),
        ("moderator", ["consultations.moderate_comment"], True),
        ("moderator", ["petitions.change_petition"], False),
        ("editor", ["petitions.change_petition"], True),
        ("editor", ["petitions.view_signature"], False),  # identity data: the focal point's
        ("focal_point", ["petitions.view_signature"], True),
        ("editor", ["consultations.add_response", "site.change_siteprofile"], False),  # every one
    ],
)
def test_the_role_gives_what_the_view_names(tetouan, in_member, role, perms, allowed):
    assert _allowed(tetouan, in_member, role, perms) is allowed


def test_the_permissions_named_exist(tetouan, in_member):
    named = {perm for view in _api_views() for perm in _named_perms(view)}
    with in_member(tetouan):
        known = {
            f"{app}.{codename}"
            for app, codename in Permission.objects.values_list(
                "content_type__app_label", "codename"
            )
        }
    assert named and named <= known


def _named_perms(view_class) -> set[str]:
    named = set()
    for method in ("GET", "POST"):  # some name a read's and a write's permissions
        view = view_class()
        view.request = SimpleNamespace(method=method)
        named |= set(getattr(view, "required_perms", []))
    return named
