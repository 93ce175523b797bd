"""The registry of Morocco's 1,590 territorial collectivities (public schema)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    REGION = "region", _("Region")
    PROVINCE = "province", _("Prefecture or province")
    COMMUNE = "commune", _("Commune")


class Kind(models.TextChoices):
    """The finer HCP type inside a tier."""

    REGION = "region", _("Region")
    PREFECTURE = "prefecture", _("Prefecture")
    PROVINCE = "province", _("Province")
    URBAN = "urban", _("Urban commune")
    RURAL = "rural", _("Rural commune")


class Collectivity(models.Model):
    """One territorial collectivity, keyed by its HCP code (e.g. 01.571.01.11 for Tétouan)."""

    code = models.CharField(_("HCP code"), max_length=16, primary_key=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    # A valid host-name label: a member's site answers on <slug>.<NETWORK_DOMAIN>.
    slug = models.SlugField(_("slug"), max_length=63, unique=True)
    region = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prefecture or province"),
    )
    population_2024 = models.PositiveIntegerField(_("population (2024)"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("collectivity")
        verbose_name_plural = _("collectivities")

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.code})"
