"""The console invites a member's staff by the member's roles, by value (network/console/models.py
InvitedRole): the same codes and the same words as the member's own (tenants/site/roles.py)."""

from django.utils import translation

from network.console.models import InvitedRole
from tenants.site.roles import Role


def test_the_roles_the_console_invites_to_are_the_members_own_with_the_same_words():
    for invited in InvitedRole:
        assert invited.value in Role.values
        for language in ("ar", "fr"):
            with translation.override(language):
                assert str(invited.label) == str(Role(invited.value).label)


def test_the_directorates_assistance_account_is_never_offered():
    assert Role.NETWORK_ASSISTANCE not in InvitedRole.values
