"""Roles of a member's staff, and the permissions each role gives (member schema).

Permissions follow from the role, computed at check time, rather than stored per group: a new
app or model is covered the day it ships, in every member, without a data migration.
"""

from django.conf import settings
from django.db import connection
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy as _
from django_tenants.utils import get_public_schema_name


class Role(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")
    # The account a directorate administrator is signed into when helping the member
    # (tenants/site/assistance.py): the focal point's rights, never invited by hand.
    NETWORK_ASSISTANCE = "network_assistance", _("Directorate assistance")


# The member's own staff: the roles reminded of what waits for them (the directorate's
# assistance account is never reminded of anything).
MEMBER_STAFF_ROLES = (Role.FOCAL_POINT, Role.EDITOR, Role.MODERATOR)
# Staff have no language of their own: what is sent to them is in Arabic, the back office's.
STAFF_LANGUAGE = "ar"


# Beyond the content apps, what the focal point alone may do: the profile, the team, and
# reading the outbox and the subscribers (citizens' addresses: not for every editor).
FOCAL_POINT_EXTRA = {
    "site.change_siteprofile",
    "site.view_siteprofile",
    "site.add_staffmembership",
    "site.change_staffmembership",
    "site.delete_staffmembership",
    "site.view_staffmembership",
    "auth.view_user",
    "authtoken.add_token",
    "authtoken.view_token",
    "authtoken.delete_token",
    "authtoken.view_tokenproxy",
    "authtoken.add_tokenproxy",
    "authtoken.delete_tokenproxy",
    "site.view_assistancevisit",
    "notifications.view_notification",
    "notifications.view_subscriber",
    "site.view_personaldataread",
}

# Identity data (tenants/site/personal_data.py): who signed a petition, with their CIN, is for
# the focal point alone: editors, moderators and the directorate's assistance account never
# read it, in the back office or the API.
IDENTITY_MODELS = {"petitions.signature"}

# Newsletters to the subscribers (tenants/notifications): written and sent by the focal point
# and the editors, who already publish in the member's name; moderators only moderate. The
# pages show how many subscribers, never their addresses (those stay the focal point's).
NEWSLETTER_PERMS = {
    "notifications.view_newsletter",
    "notifications.add_newsletter",
    "notifications.change_newsletter",
    "notifications.send_newsletter",
}


def role_allows(role: str, perm: str) -> bool:
    app_label, _, codename = perm.partition(".")
    content = app_label in settings.MEMBER_CONTENT_APPS
    if f"{app_label}.{codename.partition('_')[2]}" in IDENTITY_MODELS:
        return role == Role.FOCAL_POINT
    if role in (Role.FOCAL_POINT, Role.NETWORK_ASSISTANCE):
        return content or perm in FOCAL_POINT_EXTRA or perm in NEWSLETTER_PERMS
    if role == Role.EDITOR:
        return content or perm == "site.view_siteprofile" or perm in NEWSLETTER_PERMS
    if role == Role.MODERATOR:
        # Moderators read everything and act on comments (the consultations feature).
        return content and (codename.startswith("view_") or app_label == "consultations")
    return False


def user_role(user) -> str | None:
    """The user's role in the current member, or None (also on the network's schema)."""
    if not user.is_active or connection.schema_name == get_public_schema_name():
        return None
    if not hasattr(user, "_member_role"):
        membership = getattr(user, "staff_membership", None) if user.pk else None
        user._member_role = membership.role if membership else None
    return user._member_role


class RoleBackend:
    """An authentication backend that only answers permission questions."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None) -> bool:
        role = user_role(user)
        return bool(role) and role_allows(role, perm)

    def has_module_perms(self, user, app_label) -> bool:
        role = user_role(user)
        if not role:
            return False
        # The site app holds no content: it shows when the role has one of its named perms.
        return any(
            role_allows(role, f"{app_label}.{action}_x") for action in ("view", "add", "change")
        ) or any(
            perm.startswith(f"{app_label}.") and role_allows(role, perm)
            for perm in FOCAL_POINT_EXTRA
        )


def person_name(user) -> str:
    """How a person of staff is named to others (histories, logs): the full name, never an
    e-mail (staff sign in with theirs, and a name typed as one is not shown) nor an id;
    without a name, the label of their role, in the site's language (Arabic) whatever the
    page's. (Network accounts: network.accounts.actor.network_person_name.)"""
    name = user.get_full_name().strip()
    if name and "@" not in name:
        return name
    with translation.override(settings.LANGUAGE_CODE):
        role = user_role(user)
        return str(Role(role).label) if role else gettext("A member of staff")
