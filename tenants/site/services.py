from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kernel.actors import Actor
from kernel.mail import member_mail_send
from kernel.partial_update import fields_update
from tenants.site.models import SiteProfile, StaffMembership
from kernel.page_cache import content_changed
from tenants.site.roles import Role
from tenants.site.selectors import staff_is_last_focal_point
from tenants.site.tokens import member_token_generator
from uploads import IMAGE_KINDS, delete_files_after_commit, validate_upload


@transaction.atomic
def site_profile_initialize(
    *,
    hcp_code: str,
    tier: str,
    name_ar: str,
    name_fr: str,
    region_name_ar: str = "",
    region_name_fr: str = "",
    province_name_ar: str = "",
    province_name_fr: str = "",
    population_2024: int | None = None,
) -> SiteProfile:
    """Fill a new member's profile from its registry entry (runs in the member's schema)."""
    profile = SiteProfile(
        hcp_code=hcp_code,
        tier=tier,
        name_ar=name_ar,
        name_fr=name_fr,
        region_name_ar=region_name_ar,
        region_name_fr=region_name_fr,
        province_name_ar=province_name_ar,
        province_name_fr=province_name_fr,
        population_2024=population_2024,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def site_profile_update(**changes) -> SiteProfile:
    """Change the current member's profile; validated as a whole before it is saved."""
    profile = SiteProfile.objects.select_for_update().get()
    editable = {f.name for f in SiteProfile._meta.get_fields()} - {"id", "hcp_code", "tier"}
    fields_update(profile, changes, allowed=editable)
    profile.full_clean()
    profile.save()
    _public_pages_changed()  # every public page shows the names, colours and logo
    return profile


def staff_password_link(*, user, site_url: str) -> str:
    """The one-time link where `user` chooses a password (signed for the current member)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = member_token_generator.make_token(user)
    return site_url.rstrip("/") + reverse("staff-set-password", args=[uid, token])


@transaction.atomic
def staff_invite(*, email: str, role: str, invited_by: Actor, site_url: str) -> StaffMembership:
    """Create a staff account of the current member and e-mail it a link to set a password.

    The account lives in this member's schema only, so it can never sign in elsewhere.
    """
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(username=email).exists():
        raise ValidationError(
            _("%(email)s already has an account on this site.") % {"email": email}
        )
    user = User(username=email, email=email, is_staff=True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = StaffMembership(user=user, role=role, **invited_by.columns("invited_by"))
    membership.full_clean()
    membership.save()
    member_mail_send(
        to=user.email,
        template="site/email/invitation",
        context={
            "link": staff_password_link(user=user, site_url=site_url),
            "role": membership.get_role_display(),
        },
    )
    return membership


def _public_pages_changed() -> None:
    """The public pages show the profile (names, colours, logo, contacts) and the focal
    points: drop the member's cached pages once the change commits (page_cache.py)."""
    transaction.on_commit(content_changed)


@transaction.atomic
def site_branding_save(**changes) -> SiteProfile:
    """Save branding and contacts through `site_profile_update`; a new logo is checked by its
    content (platform/uploads) and the one it replaces is deleted once committed.
    `logo=""` removes the logo."""
    previous = SiteProfile.objects.get().logo
    if changes.get("logo"):
        try:
            validate_upload(changes["logo"], kinds=IMAGE_KINDS)
        except ValidationError as error:
            raise ValidationError({"logo": error.messages}) from error
    profile = site_profile_update(**changes)
    if "logo" in changes and previous and previous.name != profile.logo.name:
        delete_files_after_commit([previous])
    return profile


def _membership_to_manage(membership: StaffMembership, *, by, leaving: bool) -> StaffMembership:
    """The membership, locked, once the rules allow changing it."""
    membership = (
        StaffMembership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    )
    if membership.role == Role.NETWORK_ASSISTANCE:
        raise ValidationError(
            _(
                "The directorate's assistance account is managed by the "
                "directorate; it cannot be changed here."
            )
        )
    if not membership.user.is_active:
        raise ValidationError(_("This colleague has already been removed from the team."))
    if leaving and staff_is_last_focal_point(membership):
        if membership.user_id == getattr(by, "pk", None):
            raise ValidationError(
                _("You are the last focal point of this site: name another focal point first.")
            )
        raise ValidationError(
            _("This is the last focal point of this site: name another focal point first.")
        )
    return membership


@transaction.atomic
def staff_role_change(*, membership: StaffMembership, role: str, by) -> StaffMembership:
    """Give a colleague another role (focal point, editor, moderator); `by` is the acting
    account. The last active focal point keeps the role: nobody would be left to run the
    team and the profile."""
    if role not in (Role.FOCAL_POINT, Role.EDITOR, Role.MODERATOR):
        raise ValidationError({"role": _("Choose focal point, editor or moderator.")})
    leaving = role != Role.FOCAL_POINT
    membership = _membership_to_manage(membership, by=by, leaving=leaving)
    if role == membership.role:
        return membership
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    _public_pages_changed()  # the home page lists the focal points
    return membership


@transaction.atomic
def staff_remove(*, membership: StaffMembership, by) -> StaffMembership:
    """Remove a colleague from the team; `by` is the acting account. The account is
    deactivated, not deleted (what they did stays attributed to them, and the readings of
    personal data they made stay in the log), and its password made unusable: every session
    of theirs ends at its next request (a session is bound to the password and to an active
    account) and they can no longer sign in. The last active focal point cannot be removed."""
    membership = _membership_to_manage(membership, by=by, leaving=True)
    user = membership.user
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "is_staff", "password"])
    _public_pages_changed()
    return membership
