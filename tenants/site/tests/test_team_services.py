"""The team's rules (tenants/site/services.py): a role changes, a colleague is removed
(deactivated), and the site always keeps an active focal point."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from tenants.site.models import StaffMembership
from tenants.site.roles import Role
from tenants.site.services import staff_remove, staff_role_change


@pytest.fixture
def team(tetouan, in_member):
    def make(role, email):
        user = User.objects.create_user(email, email=email, password="Tetouan-2026-open")
        return StaffMembership.objects.create(user=user, role=role)

    with in_member(tetouan):
        yield make


def test_a_role_changes(team):
    focal, editor = team(Role.FOCAL_POINT, "fp@t.ma"), team(Role.EDITOR, "ed@t.ma")
    changed = staff_role_change(membership=editor, role=Role.MODERATOR, by=focal.user)
    assert changed.role == Role.MODERATOR
    editor.refresh_from_db()
    assert editor.role == Role.MODERATOR


def test_the_last_focal_point_keeps_the_role(team):
    focal = team(Role.FOCAL_POINT, "fp@t.ma")
    with pytest.raises(ValidationError, match="last focal point|آخر نقطة ارتكاز"):
        staff_role_change(membership=focal, role=Role.EDITOR, by=focal.user)
    with pytest.raises(ValidationError):
        staff_remove(membership=focal, by=focal.user)
    focal.refresh_from_db()
    assert focal.role == Role.FOCAL_POINT and focal.user.is_active


def test_a_focal_point_may_step_down_when_another_remains(team):
    first, second = team(Role.FOCAL_POINT, "a@t.ma"), team(Role.FOCAL_POINT, "b@t.ma")
    staff_role_change(membership=first, role=Role.EDITOR, by=first.user)
    with pytest.raises(ValidationError):  # now the last one
        staff_remove(membership=second, by=second.user)


def test_a_removed_focal_point_no_longer_counts(team):
    first, second = team(Role.FOCAL_POINT, "a@t.ma"), team(Role.FOCAL_POINT, "b@t.ma")
    staff_remove(membership=first, by=second.user)
    with pytest.raises(ValidationError):
        staff_role_change(membership=second, role=Role.MODERATOR, by=second.user)


def test_removing_deactivates_the_account(team):
    focal, editor = team(Role.FOCAL_POINT, "fp@t.ma"), team(Role.EDITOR, "ed@t.ma")
    staff_remove(membership=editor, by=focal.user)
    editor.user.refresh_from_db()
    assert not editor.user.is_active and not editor.user.is_staff
    assert not editor.user.has_usable_password()
    assert StaffMembership.objects.filter(pk=editor.pk).exists()  # who they were stays known
    with pytest.raises(ValidationError):  # already removed
        staff_remove(membership=editor, by=focal.user)


def test_the_assistance_account_and_role_are_not_for_the_team(team):
    focal = team(Role.FOCAL_POINT, "fp@t.ma")
    assistance = team(Role.NETWORK_ASSISTANCE, "assist@dgct.gov.ma")
    editor = team(Role.EDITOR, "ed@t.ma")
    with pytest.raises(ValidationError):
        staff_role_change(membership=assistance, role=Role.EDITOR, by=focal.user)
    with pytest.raises(ValidationError):
        staff_remove(membership=assistance, by=focal.user)
    with pytest.raises(ValidationError):
        staff_role_change(membership=editor, role=Role.NETWORK_ASSISTANCE, by=focal.user)
