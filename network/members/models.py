"""Members of the network (django-tenants tenants) and their domains (public schema)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from network.registry.models import Collectivity


class MemberQuerySet(models.QuerySet):
    def ready(self) -> "MemberQuerySet":
        """Members whose schema is complete: the only ones requests, beat and workers touch."""
        return self.filter(is_ready=True)

    def active(self) -> "MemberQuerySet":
        """Ready and not suspended: the members whose citizens may receive anything (mails,
        reminders, digests). Workers that send to citizens fan out over these only."""
        return self.filter(is_ready=True, suspended_at__isnull=True)

    def suspended(self) -> "MemberQuerySet":
        return self.filter(suspended_at__isnull=False)


class Member(TenantMixin):
    """A collectivity that joined the network; its site lives in its own schema."""

    # Schemas are created by network.members.provisioning, never by save().
    auto_create_schema = False
    auto_drop_schema = False

    collectivity = models.OneToOneField(
        Collectivity,
        on_delete=models.PROTECT,
        related_name="member",
        verbose_name=_("collectivity"),
    )
    is_ready = models.BooleanField(_("ready"), default=False, db_index=True)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    # A suspended member keeps its schema and data; its public pages show a notice (503)
    # while its staff (and directorate assistance) can still use the back office.
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for the suspension"), blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["collectivity_id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.schema_name

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @staticmethod
    def schema_name_for(collectivity_code: str) -> str:
        """Stable and unique: derived from the HCP code, which never changes with a name."""
        return "m_" + collectivity_code.replace(".", "")


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class SchemaTemplate(models.Model):
    """A member schema's DDL, rendered once from the migrated template schema.

    Keyed by the fingerprint of the migration graph: a new migration gives a new fingerprint,
    so the template follows every migration without anyone remembering to refresh it.
    """

    fingerprint = models.CharField(max_length=64, unique=True)
    sql = models.TextField()
    migration_count = models.PositiveIntegerField()
    rendered_at = models.DateTimeField(auto_now_add=True)
