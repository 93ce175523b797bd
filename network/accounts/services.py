"""Creating and changing network accounts (public schema)."""

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from network.accounts.models import NetworkRole, NetworkRoleKind
from network.registry.models import Collectivity, Tier


def _region_for(role: str, region_code: str | None) -> Collectivity | None:
    if role == NetworkRoleKind.DIRECTORATE:
        if region_code:
            raise ValidationError(
                {
                    "region_code": _(
                        "A directorate account covers the whole network: give it no region."
                    )
                }
            )
        return None
    if role != NetworkRoleKind.REGIONAL_FOCAL_POINT:
        raise ValidationError({"role": _("Unknown network role “%(role)s”.") % {"role": role}})
    if not region_code:
        raise ValidationError(
            {"region_code": _("A regional focal point needs the HCP code of their region.")}
        )
    region = Collectivity.objects.filter(code=region_code.strip(), tier=Tier.REGION).first()
    if region is None:
        raise ValidationError(
            {
                "region_code": _("“%(code)s” is not the HCP code of a region.")
                % {"code": region_code}
            }
        )
    return region


@transaction.atomic
def network_account_create(
    *, email: str, role: str, region_code: str | None = None, password: str | None = None
) -> User:
    """A network account (public schema) with its role. Without a password the account can
    only sign in once a password is set (e.g. by `manage.py create_network_account`)."""
    if connection.schema_name != get_public_schema_name():
        raise ValidationError(_("Network accounts are created in the network's schema only."))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    region = _region_for(role, region_code)
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": _("A network account with this e-mail already exists.")})
    user = User(username=email, email=email, is_staff=(role == NetworkRoleKind.DIRECTORATE))
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    NetworkRole.objects.create(user=user, role=role, region=region)
    return user
