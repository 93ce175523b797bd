"""A member's site profile: who the member is and how its site looks (member schema).

The registry entry it came from is referred to by value (its HCP code and copied names),
never by a foreign key into the public schema.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.actors import actor_fields
from kernel.bilingual import Bilingual
from tenants.site.roles import Role

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class SiteProfile(Bilingual, models.Model):
    """One row per member schema."""

    hcp_code = models.CharField(_("HCP code"), max_length=16, unique=True)
    tier = models.CharField(_("tier"), max_length=16)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_tifinagh = models.CharField(_("name (Tifinagh)"), max_length=200, blank=True)
    region_name_ar = models.CharField(_("region (Arabic)"), max_length=200, blank=True)
    region_name_fr = models.CharField(_("region (French)"), max_length=200, blank=True)
    province_name_ar = models.CharField(_("province (Arabic)"), max_length=200, blank=True)
    province_name_fr = models.CharField(_("province (French)"), max_length=200, blank=True)
    population_2024 = models.PositiveIntegerField(_("population (2024)"), null=True, blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b6e4f", validators=[hex_colour]
    )
    secondary_colour = models.CharField(
        _("secondary colour"), max_length=7, default="#c1272d", validators=[hex_colour]
    )
    logo = models.FileField(_("logo"), upload_to="branding/", blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # The member's declaration (or authorisation) of its processings to the CNDP (law 09-08,
    # arts. 12 ff.): its reference, shown in every personal-data notice; empty = pending.
    cndp_declaration = models.CharField(_("CNDP declaration reference"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profiles")

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self) -> str:
        """The member's name in the language of the page."""
        return self.localized("name")

    @property
    def name_zgh(self) -> str:
        """The Amazigh name, as the bilingual pattern reads it (`localized`): the Tifinagh field."""
        return self.name_tifinagh

    @property
    def region_name(self) -> str:
        return self.localized("region_name")

    @property
    def province_name(self) -> str:
        return self.localized("province_name")


class StaffMembership(models.Model):
    """A staff account of this member and its role (accounts live in the member's schema)."""

    user = models.OneToOneField(
        "auth.User",
        on_delete=models.CASCADE,
        related_name="staff_membership",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_by, invited_by_account, invited_by_network_account_id = actor_fields(_("invited by"))
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.user.email} ({self.get_role_display()})"


class AssistanceVisit(models.Model):
    """A directorate administrator opened this back office to help (tenants/site/assistance.py).

    Written once, when the network's single-use token is redeemed: the token's id is unique
    here, so a token used twice is refused.
    """

    token_id = models.CharField(_("token id"), max_length=64, unique=True, editable=False)
    network_email = models.EmailField(_("directorate administrator"))
    # The directorate's network account, by value (it lives in the public schema).
    network_account_id = models.PositiveBigIntegerField(
        _("network account"), null=True, blank=True, editable=False
    )
    account = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assistance account"),
    )
    visited_at = models.DateTimeField(_("visited at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-visited_at"]
        verbose_name = _("directorate assistance visit")
        verbose_name_plural = _("directorate assistance visits")

    def __str__(self) -> str:
        return f"{self.network_email} ({self.visited_at:%Y-%m-%d %H:%M})"


class PersonalDataRead(models.Model):
    """A member of staff was shown identity data (a requester's identity document, a
    signatory's CIN): who, when, what. Written by `personal_data.identity_read_record`."""

    account = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("account"),
    )
    # The name shown at the time, kept if the account goes.
    account_name = models.CharField(_("read by"), max_length=200)
    subject = models.CharField(_("whose data"), max_length=200)
    fields = models.CharField(_("what was shown"), max_length=300)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("reading of personal data")
        verbose_name_plural = _("readings of personal data")

    def __str__(self) -> str:
        return f"{self.account_name}: {self.subject}"


class RetentionPurge(models.Model):
    """One kind of personal data purged by the daily retention task (tenants/privacy/retention.py):
    what and how many, never whose."""

    kind = models.CharField(_("what was purged"), max_length=40)
    count = models.PositiveIntegerField(_("how many"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retention purge")
        verbose_name_plural = _("retention purges")

    def __str__(self) -> str:
        return f"{self.kind}: {self.count}"
