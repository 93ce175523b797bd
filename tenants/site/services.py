from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tenants.site.mail import member_mail_send
from tenants.site.models import SiteProfile, StaffMembership
from tenants.site.tokens import member_token_generator


@transaction.atomic
def site_profile_initialize(*, hcp_code: str, tier: str, name_ar: str, name_fr: str,
                            region_name_ar: str = "", region_name_fr: str = "",
                            province_name_ar: str = "", province_name_fr: str = "",
                            population_2024: int | None = None) -> SiteProfile:
    """Fill a new member's profile from its registry entry (runs in the member's schema)."""
    profile = SiteProfile(hcp_code=hcp_code, tier=tier, name_ar=name_ar, name_fr=name_fr,
                          region_name_ar=region_name_ar, region_name_fr=region_name_fr,
                          province_name_ar=province_name_ar, province_name_fr=province_name_fr,
                          population_2024=population_2024)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def site_profile_update(**changes) -> SiteProfile:
    """Change the current member's profile; validated as a whole before it is saved."""
    profile = SiteProfile.objects.select_for_update().get()
    editable = {f.name for f in SiteProfile._meta.get_fields()} - {"id", "hcp_code", "tier"}
    unknown = set(changes) - editable
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def staff_password_link(*, user, site_url: str) -> str:
    """The one-time link where `user` chooses a password (signed for the current member)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = member_token_generator.make_token(user)
    return site_url.rstrip("/") + reverse("staff-set-password", args=[uid, token])


@transaction.atomic
def staff_invite(*, email: str, role: str, invited_by: str, site_url: str) -> StaffMembership:
    """Create a staff account of the current member and e-mail it a link to set a password.

    The account lives in this member's schema only, so it can never sign in elsewhere.
    """
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(username=email).exists():
        raise ValidationError(_("%(email)s already has an account on this site.") % {"email": email})
    user = User(username=email, email=email, is_staff=True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = StaffMembership(user=user, role=role, invited_by=invited_by)
    membership.full_clean()
    membership.save()
    member_mail_send(to=user.email, template="site/email/invitation",
                     context={"link": staff_password_link(user=user, site_url=site_url),
                              "role": membership.get_role_display()})
    return membership
