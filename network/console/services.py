"""What the directorate does from the console (public schema): onboard, suspend, resume,
open a member's back office to help it."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.accounts.access import is_directorate
from network.accounts.actor import network_actor_of
from network.console.models import (
    AssistanceGrant,
    InvitedRole,
    MemberStatusChange,
    Onboarding,
    StaffInvitationSent,
)
from network.console.signals import onboarding_requested
from network.members.models import Member
from network.members.services import ProvisioningError, member_provision
from network.registry.selectors import collectivity_get
from tenancy.assistance import (
    ASSISTANCE_TOKEN_SECONDS,
    assistance_ip_address,
    assistance_token_make,
)
from tenancy.addresses import member_site_url
from tenancy.routing import routing_forget_hosts

logger = logging.getLogger(__name__)
REASON_MAX_LENGTH = 2000


def _require_directorate(user) -> None:
    if not is_directorate(user):
        raise ValidationError(_("Only the directorate can do this."), code="forbidden")


def onboarding_request(*, hcp_code: str, requested_by) -> Onboarding:
    """Queue the provisioning of a collectivity. Asking again while it is under way returns the
    same onboarding; a collectivity that is already a member is refused."""
    _require_directorate(requested_by)
    code = (hcp_code or "").strip()
    collectivity = collectivity_get(code=code) if code else None
    if collectivity is None:
        raise ValidationError(
            {
                "hcp_code": _("No territorial collectivity has the HCP code “%(code)s”.")
                % {"code": code}
            }
        )
    with transaction.atomic():
        with connection.cursor() as cursor:  # two clicks at once: the second waits
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["onboard:" + code])
        if Member.objects.filter(collectivity=collectivity, is_ready=True).exists():
            raise ValidationError(
                {
                    "hcp_code": _("%(name)s is already a member of the network.")
                    % {"name": collectivity.name_fr}
                }
            )
        open_one = Onboarding.objects.filter(
            collectivity=collectivity,
            state__in=[Onboarding.State.PENDING, Onboarding.State.PROVISIONING],
        ).first()
        if open_one is not None:
            if open_one.state == Onboarding.State.PENDING:  # its job may have been lost
                transaction.on_commit(
                    lambda: onboarding_requested.send(sender=Onboarding, onboarding_id=open_one.pk),
                    robust=True,
                )
            return open_one
        onboarding = Onboarding.objects.create(collectivity=collectivity, requested_by=requested_by)
        # Robust: a broker that is down leaves the onboarding pending (shown as such, and
        # queued again by asking again), never a failed request.
        transaction.on_commit(
            lambda: onboarding_requested.send(sender=Onboarding, onboarding_id=onboarding.pk),
            robust=True,
        )
    return onboarding


def onboarding_run(*, onboarding_id: int) -> Onboarding | None:
    """Carry an onboarding out (the provisioning worker calls this). Its state is committed
    at each step so that the console shows the progress: pending → provisioning → ready (or
    failed, with the reason). Run again (a redelivered task), it finishes what is left."""
    with transaction.atomic():
        onboarding = (
            Onboarding.objects.select_for_update()
            .select_related("collectivity")
            .filter(pk=onboarding_id)
            .first()
        )
        if onboarding is None or not onboarding.is_open:
            return onboarding
        onboarding.state = Onboarding.State.PROVISIONING
        onboarding.started_at = timezone.now()
        onboarding.save(update_fields=["state", "started_at"])
    try:
        member_provision(hcp_code=onboarding.collectivity_id)
    except ProvisioningError as error:
        onboarding.state, onboarding.error = Onboarding.State.FAILED, str(error)
    except OperationalError:
        raise  # the database went away: the task retries, the onboarding stays open
    except Exception as error:  # noqa: BLE001 - recorded for the console, then re-raised
        logger.exception("onboarding %s failed", onboarding_id)
        onboarding.state, onboarding.error = Onboarding.State.FAILED, repr(error)[:500]
        onboarding.finished_at = timezone.now()
        onboarding.save(update_fields=["state", "error", "finished_at"])
        raise
    else:
        onboarding.state = Onboarding.State.READY
    onboarding.finished_at = timezone.now()
    onboarding.save(update_fields=["state", "error", "finished_at"])
    return onboarding


def _member_hosts(member: Member) -> list[str]:
    return list(member.domains.values_list("domain", flat=True))


def member_suspend(*, member: Member, reason: str, by) -> Member:
    """Suspend a member: its public pages show a notice (its data stays), citizens get
    nothing from the workers, its staff keep the back office."""
    _require_directorate(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the suspension.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("The reason is too long (%(max)s characters at most).")
                % {"max": REASON_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.is_suspended:
            raise ValidationError(_("This member is already suspended."), code="suspended")
        member.suspended_at, member.suspension_reason = timezone.now(), reason
        member.save(update_fields=["suspended_at", "suspension_reason"])
        MemberStatusChange.objects.create(
            member=member,
            action=MemberStatusChange.Action.SUSPEND,
            reason=reason,
            by_account=by,
            by_email=by.email,
        )
        hosts = _member_hosts(member)
        # Dropped again once committed: a request between the save and the commit could
        # have cached the member as it was.
        transaction.on_commit(lambda: routing_forget_hosts(hosts))
    return member


def member_resume(*, member: Member, by) -> Member:
    _require_directorate(by)
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if not member.is_suspended:
            raise ValidationError(_("This member is not suspended."), code="not_suspended")
        member.suspended_at, member.suspension_reason = None, ""
        member.save(update_fields=["suspended_at", "suspension_reason"])
        MemberStatusChange.objects.create(
            member=member,
            action=MemberStatusChange.Action.RESUME,
            by_account=by,
            by_email=by.email,
        )
        hosts = _member_hosts(member)
        transaction.on_commit(lambda: routing_forget_hosts(hosts))
        # The mail held while it was suspended goes out now, not at the next sweep (robust:
        # the resume stands if the broker is down; the sweep sends it then).
        transaction.on_commit(lambda: outbox_hand_over_for_member(member), robust=True)
    return member


def outbox_hand_over_for_member(member: Member) -> None:
    """Have the member's due mail sent (its outbox, in its schema: a crossing)."""
    from tenants.notifications.recording import outbox_hand_over

    outbox_hand_over(member)


def assistance_grant_create(
    *, member: Member, user, ip_address: str | None
) -> tuple[AssistanceGrant, str]:
    """A single-use, short-lived token that opens `member`'s back office for a directorate
    administrator, logged here; the member logs the visit when the token is redeemed."""
    _require_directorate(user)
    if not member.is_ready:
        raise ValidationError(_("This member's site is not ready yet."), code="not_ready")
    token_id = secrets.token_urlsafe(18)
    grant = AssistanceGrant.objects.create(
        token_id=token_id,
        member=member,
        user=user,
        email=user.email,
        expires_at=timezone.now() + timedelta(seconds=ASSISTANCE_TOKEN_SECONDS),
        ip_address=assistance_ip_address(ip_address),
    )
    token = assistance_token_make(
        schema_name=member.schema_name, email=user.email, token_id=token_id, account_id=user.pk
    )
    return grant, token


def assistance_url(*, member: Member, token: str, scheme: str = "http") -> str:
    return member_site_url(member, scheme=scheme) + f"admin/assist/{token}/"


def staff_invite_for_member(
    *, member: Member, email: str, role: str, invited_by, scheme: str = "https"
):
    """Invite a member of `member`'s staff (its first focal point, usually) from the console:
    the account is created in the member's schema by the member's own `staff_invite`, whose
    e-mail carries the one-time link to set a password on the member's host. Logged here (in
    the network's schema), in the same transaction."""
    from django.core.validators import validate_email
    from django.urls import get_urlconf, set_urlconf
    from django_tenants.utils import tenant_context

    from tenants.site.services import staff_invite

    _require_directorate(invited_by)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if role not in InvitedRole.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if not member.is_ready:
        raise ValidationError(_("This member's site is not ready yet."), code="not_ready")
    site_url = member_site_url(member, scheme=scheme)
    network_urlconf = get_urlconf()
    with transaction.atomic():
        # The member's URLs (its set-password link), not the network's of this request.
        set_urlconf(settings.ROOT_URLCONF)
        try:
            with tenant_context(member):
                staff_invite(
                    email=email,
                    role=role,
                    invited_by=network_actor_of(invited_by),
                    site_url=site_url,
                )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            raise ValidationError({"email": error.messages}) from None
        finally:
            set_urlconf(network_urlconf)
        return StaffInvitationSent.objects.create(
            member=member,
            email=email,
            role=role,
            by_account=invited_by,
            by_email=invited_by.email,
        )
