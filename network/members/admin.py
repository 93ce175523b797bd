from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network.members.models import Domain, Member
from network.admin_site import network_admin_site


class SuspendedFilter(admin.SimpleListFilter):
    title = _("suspended")
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.suspended()
        if self.value() == "no":
            return queryset.filter(suspended_at__isnull=True)
        return queryset


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Member, site=network_admin_site)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["schema", "collectivity", "is_ready", "suspended_at", "joined_at"]
    list_filter = ["is_ready", SuspendedFilter, "collectivity__tier"]
    search_fields = ["schema_name", "collectivity__name_ar", "collectivity__name_fr"]
    list_select_related = ["collectivity"]
    raw_id_fields = ["collectivity"]
    inlines = [DomainInline]
    # Suspending and resuming go through the directorate console (logged, cache dropped).
    readonly_fields = ["schema_name", "is_ready", "suspended_at", "suspension_reason"]

    # A member is onboarded by provisioning (the console: schema, domain, profile, snapshot)
    # and suspended there, never added or deleted here: a row alone would have no schema, and
    # deleting one would drop a collectivity's whole site.
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("schema"), ordering="schema_name")
    def schema(self, member: Member) -> str:
        return member.schema_name
