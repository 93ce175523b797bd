"""For tests: sessions that gave their code, and the codes an authenticator app would show."""

import time
from base64 import b32decode

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the app shows now (or `steps_ahead` periods of 30 s later: a code counts once,
    so a second sign-in in the same period needs the next one)."""
    return totp_code_for_secret(
        device.bin_key, steps_ahead=steps_ahead, step=device.step, digits=device.digits
    )


def totp_code_for_secret(
    secret: str | bytes, *, steps_ahead: int = 0, step: int = 30, digits: int = 6
) -> str:
    """The code for a secret read off the set-up page (base32 text) or a device's key."""
    if isinstance(secret, str):
        secret = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(secret, step=step, digits=digits)
    totp.time = time.time() + steps_ahead * step
    return f"{totp.token():0{digits}d}"


def two_factor_signed_in(client, user):
    """`two_factor_signed_in(client, user)`: `client.force_login(user)`, as if the code was
    given too (an authenticator confirmed for the account and kept in the session; both in
    the current schema, where the account lives). Returns the client."""
    device = TOTPDevice.objects.filter(
        user_id=user.pk, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
