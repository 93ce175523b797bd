"""Reads of two-factor devices, in the current schema (where the account lives)."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import get_public_schema_name


def two_factor_on(user) -> bool:
    """True once the account has confirmed an authenticator (recovery codes come with it)."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def totp_device_pending(user) -> TOTPDevice | None:
    """The authenticator being enrolled (shown as a QR code, not confirmed by a code yet)."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("-pk").first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()


def two_factor_required(user) -> bool:
    """Must this account have two-factor on? Network accounts yes (a role, or the network's
    staff and superusers); a member's staff choose. The demo accounts of `seed_demo` are
    exempt in development only (the setting is empty when DEBUG is off)."""
    if connection.schema_name != get_public_schema_name():
        return False
    if settings.DEBUG and user.get_username() in settings.TWO_FACTOR_DEMO_ACCOUNTS:
        return False
    network_role = import_string(settings.NETWORK_ROLE_OF)  # the network's rule (public schema)
    return user.is_staff or user.is_superuser or network_role(user) is not None
