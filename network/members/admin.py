from django.contrib import admin

from network.members.models import Domain, Member
from network.portal.admin_site import network_admin_site


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Member, site=network_admin_site)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["schema_name", "collectivity", "is_ready", "joined_at"]
    list_filter = ["is_ready", "collectivity__tier"]
    search_fields = ["schema_name", "collectivity__name_ar", "collectivity__name_fr"]
    list_select_related = ["collectivity"]
    raw_id_fields = ["collectivity"]
    inlines = [DomainInline]
    readonly_fields = ["schema_name", "is_ready"]
