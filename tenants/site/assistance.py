"""Directorate assistance, the member's side (member schema).

A directorate administrator clicks "open the back office" in the network's console, which
mints a single-use token for this member (platform/tenancy/assistance.py) and sends the
browser to /admin/assist/<token>/ here. Redeeming it records an AssistanceVisit (who, when,
from where: the token's id is unique, so a second use fails), and signs the browser into
this member's assistance account for the network's e-mail: a staff account of this member,
clearly named, with the focal point's rights and no password. The visit is listed, read
only, in the member's back office.
"""

from django.contrib.auth import login
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from citizens import client_address
from kernel.actors import Actor
from kernel.signed_links import LinkRefused
from tenancy.assistance import (
    ASSISTANCE_SESSION_SECONDS,
    assistance_ip_address,
    assistance_token_read,
)
from tenants.site.models import AssistanceVisit, StaffMembership
from tenants.site.roles import Role

ACCOUNT_PREFIX = "dgct-assistance+"
# The session's note of which network account opened it: what the audit rows keep by value
# (staff.actor), beside the member's assistance account.
ASSISTING_NETWORK_ACCOUNT = "assisting_network_account"


class AssistanceRefused(Exception):
    pass


def assistance_account_username(network_email: str) -> str:
    return f"{ACCOUNT_PREFIX}{network_email}"[:150]


@transaction.atomic
def assistance_visit_record(
    *,
    token_id: str,
    network_email: str,
    ip_address: str | None,
    user_agent: str = "",
    network_account_id: int | None = None,
) -> AssistanceVisit:
    """Record the visit and return it with its account; AssistanceRefused when this token was
    already used."""
    username = assistance_account_username(network_email)
    try:
        with transaction.atomic():
            visit = AssistanceVisit.objects.create(
                token_id=token_id,
                network_email=network_email,
                network_account_id=network_account_id,
                ip_address=ip_address or None,
                user_agent=user_agent[:300],
            )
    except IntegrityError:
        raise AssistanceRefused(_("This assistance link has already been used.")) from None
    account, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": network_email,
            "first_name": _("Directorate assistance"),
            "is_staff": True,
        },
    )
    if created:
        account.set_unusable_password()
        account.save(update_fields=["password"])
    elif not account.is_active or not account.is_staff:
        # The member may have disabled it; a fresh directorate visit needs it working.
        User.objects.filter(pk=account.pk).update(is_active=True, is_staff=True)
        account.is_active = account.is_staff = True
    StaffMembership.objects.update_or_create(
        user=account,
        defaults={
            "role": Role.NETWORK_ASSISTANCE,
            # Invited by the directorate's network account (by value: it lives in public).
            **Actor(
                name=str(Role.NETWORK_ASSISTANCE.label), network_account_id=network_account_id
            ).columns("invited_by"),
        },
    )
    visit.account = account
    visit.save(update_fields=["account"])
    return visit


@never_cache
@require_GET
def assistance_redeem(request, token: str):
    try:
        claim = assistance_token_read(token, schema_name=connection.schema_name)
    except LinkRefused:
        return render(
            request,
            "site/assistance_refused.html",
            {"reason": _("This assistance link is invalid, expired, or made for another member.")},
            status=403,
        )
    try:
        visit = assistance_visit_record(
            token_id=claim.token_id,
            network_email=claim.email,
            ip_address=assistance_ip_address(client_address(request)),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            network_account_id=claim.account_id,
        )
    except AssistanceRefused as refused:
        return render(request, "site/assistance_refused.html", {"reason": str(refused)}, status=403)
    login(request, visit.account, backend="django.contrib.auth.backends.ModelBackend")
    request.session.set_expiry(ASSISTANCE_SESSION_SECONDS)
    request.session[ASSISTING_NETWORK_ACCOUNT] = claim.account_id
    return redirect("admin:index")
