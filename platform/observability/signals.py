"""Log lines an operator needs that no view writes itself (sign-ins refused)."""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from observability.context import identity_digest

logger = logging.getLogger("infitah.security")


@receiver(user_login_failed, dispatch_uid="observability.sign_in_refused")
def _sign_in_refused(sender, credentials, request=None, **kwargs) -> None:
    identity = credentials.get("username") or credentials.get("email") or ""
    logger.warning(
        "Sign-in refused",
        extra={
            "identity_digest": identity_digest(identity) if identity else None,
            "path": request.path if request is not None else None,
        },
    )
