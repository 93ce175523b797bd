"""Writes of two-factor devices, in the current schema: the public schema for a network
account, the member's schema for its staff (the caller's request decides, never an argument)."""

import re
from base64 import b32encode
from urllib.parse import quote, urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
_TOTP_CODE = re.compile(r"^\d{6}$")


def _normalised(token: str) -> str:
    # People type codes with spaces or dashes ("123 456", "abcd-efgh") and in either case.
    return re.sub(r"[\s\-]", "", token or "").lower()


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """A new authenticator secret to scan, not yet trusted: any earlier unconfirmed one goes."""
    TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user, token: str) -> tuple[TOTPDevice, list[str]]:
    """The pending authenticator becomes the account's (its first code proves the scan) and
    fresh recovery codes come with it; returns the device and the codes, shown once."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user_id=user.pk, confirmed=False)
        .order_by("-pk")
        .first()
    )
    if device is None:
        raise ValidationError(
            _("Start again: scan a new code with your authenticator app."), code="no_pending_device"
        )
    if not device.verify_token(_normalised(token)):
        raise ValidationError(
            {
                "code": _(
                    "This code is not the one your app shows. Check the "
                    "app's clock and try the next code."
                )
            },
            code="wrong_code",
        )
    TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """RECOVERY_CODES new single-use codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = set()
    while len(codes) < RECOVERY_CODES:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return sorted(codes)


@transaction.atomic
def two_factor_turn_off(*, user) -> None:
    """The authenticator and the recovery codes go; the next sign-in asks a password only."""
    TOTPDevice.objects.filter(user_id=user.pk).delete()
    StaticDevice.objects.filter(user_id=user.pk).delete()


def two_factor_verify(*, user, token: str) -> Device | None:
    """The device that accepts `token` (six digits: the authenticator; else a recovery code,
    used up), or None. Devices are locked while checked (a code counts once), and each one's
    throttling (django-otp: 1 s, 2 s, 4 s… after successive failures) applies."""
    token = _normalised(token)
    model = TOTPDevice if _TOTP_CODE.match(token) else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user_id=user.pk, confirmed=True).first()
        if device is not None and device.verify_token(token):
            return device
    return None


def otpauth_uri(*, device: TOTPDevice, issuer: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code (Google's key URI
    format), the issuer naming the network or the member."""
    issuer = issuer.replace(":", "")
    label = quote(f"{issuer}:{device.user.get_username()}")
    params = urlencode(
        {
            "secret": totp_secret(device),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{label}?{params}"


def totp_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, without padding."""
    return b32encode(device.bin_key).decode().rstrip("=")


def two_factor_code_check(*, request, code: str, scope: str) -> Device:
    """The device that accepts the signed-in account's `code`, else ValidationError. Failures
    count in the sign-in limiter under `<scope>-code` (per account and address, and per
    address), apart from passwords: a right password must not clear a run of wrong codes."""
    from citizens import (
        sign_in_failure_record,
        sign_in_succeeded,
        sign_in_wait_seconds,
        too_many_sign_in_failures_message,
    )

    user = request.user
    identity, scope = user.get_username().lower(), f"{scope}-code"
    wait = sign_in_wait_seconds(request, scope=scope, identity=identity)
    if wait:
        raise ValidationError(too_many_sign_in_failures_message(wait), code="too_many")
    device = two_factor_verify(user=user, token=code)
    if device is None:
        sign_in_failure_record(request, scope=scope, identity=identity)
        raise ValidationError(
            {
                "code": _(
                    "This code is not right (or was already used). "
                    "Wait a few seconds and try the next code."
                )
            },
            code="wrong_code",
        )
    sign_in_succeeded(request, scope=scope, identity=identity)
    return device
