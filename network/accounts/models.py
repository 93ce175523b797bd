"""Network accounts and their roles (public schema).

A network account is a django.contrib.auth User of the public schema with one NetworkRole:
the directorate (the whole network) or a regional focal point (one region). Member staff
accounts live in each member's schema and never have a NetworkRole.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.registry.models import Collectivity, Tier


class NetworkRoleKind(models.TextChoices):
    DIRECTORATE = "directorate", _("Directorate administrator")
    REGIONAL_FOCAL_POINT = "regional_focal_point", _("Regional focal point")


class NetworkRole(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_role",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=32, choices=NetworkRoleKind.choices)
    # The region council's registry entry (its HCP code is the key); only for focal points.
    region = models.ForeignKey(
        Collectivity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"tier": Tier.REGION},
        verbose_name=_("region"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [
            models.CheckConstraint(
                name="network_role_region_iff_focal_point",
                condition=(
                    Q(role="directorate", region__isnull=True)
                    | Q(role="regional_focal_point", region__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.region_id:
            return f"{self.get_role_display()} ({self.region_id})"
        return str(self.get_role_display())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The network back office is the directorate's: staff status follows the role.
        is_staff = self.role == NetworkRoleKind.DIRECTORATE or self.user.is_superuser
        if self.user.is_staff != is_staff:
            type(self.user).objects.filter(pk=self.user_id).update(is_staff=is_staff)
            self.user.is_staff = is_staff

    @property
    def region_code(self) -> str | None:
        return self.region_id
