"""What the directorate console records (public schema): onboardings and assistance visits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.registry.models import Collectivity


class Onboarding(models.Model):
    """A request to turn a collectivity into a member, carried out by the provisioning worker."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROVISIONING = "provisioning", _("Provisioning")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    collectivity = models.ForeignKey(
        Collectivity, on_delete=models.PROTECT, related_name="+", verbose_name=_("collectivity")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")
        constraints = [
            # One open onboarding per collectivity: a double click does not queue two.
            models.UniqueConstraint(
                fields=["collectivity"],
                condition=models.Q(state__in=["pending", "provisioning"]),
                name="one_open_onboarding_per_collectivity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collectivity_id} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.PENDING, self.State.PROVISIONING)


class AssistanceGrant(models.Model):
    """The network's log of directorate visits to a member's back office: one row per
    single-use token minted on the network host (the member logs the redemption itself)."""

    token_id = models.CharField(_("token id"), max_length=64, unique=True)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="assistance_grants",
        verbose_name=_("member"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("directorate account"),
    )
    email = models.EmailField(_("e-mail"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("assistance visit")
        verbose_name_plural = _("assistance visits")

    def __str__(self) -> str:
        return f"{self.email} → {self.member_id}"


class MemberStatusChange(models.Model):
    """Who suspended or resumed a member, when and why."""

    class Action(models.TextChoices):
        SUSPEND = "suspend", _("Suspended")
        RESUME = "resume", _("Resumed")

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("member"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    # The directorate's account (the public schema's, so a foreign key) and its address then:
    # the log names who acted even once the account is gone.
    by_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("account"),
    )
    by_email = models.EmailField(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("member status change")
        verbose_name_plural = _("member status changes")


class InvitedRole(models.TextChoices):
    """The roles the console invites a member's staff to: the member's own roles
    (tenants/site/roles.py) by value, with the same words (tested), since the network imports a
    member's code only in its crossing functions."""

    FOCAL_POINT = "focal_point", _("Focal point")
    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")


class StaffInvitationSent(models.Model):
    """The network's log of the staff invitations the directorate sent into a member (usually
    its first focal point); the account itself lives in the member's schema."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="staff_invitations",
        verbose_name=_("member"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=32)
    by_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("account"),
    )
    by_email = models.EmailField(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("staff invitation sent")
        verbose_name_plural = _("staff invitations sent")

    def __str__(self) -> str:
        return f"{self.email} ({self.role}) → {self.member_id}"

    def get_role_label(self) -> str:
        return str(InvitedRole(self.role).label) if self.role in InvitedRole.values else self.role
