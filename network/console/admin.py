from django.contrib import admin

from network.console.models import AssistanceGrant, MemberStatusChange, Onboarding
from network.admin_site import network_admin_site
from kernel.admin import ReadOnlyAdminMixin


class LogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Logs: written by the console's services, read here."""


@admin.register(Onboarding, site=network_admin_site)
class OnboardingAdmin(LogAdmin):
    list_display = ["collectivity", "state", "requested_by", "requested_at", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["collectivity", "requested_by"]


@admin.register(AssistanceGrant, site=network_admin_site)
class AssistanceGrantAdmin(LogAdmin):
    list_display = ["issued_at", "email", "member", "ip_address"]
    search_fields = ["email", "member__schema_name"]
    list_select_related = ["member"]


@admin.register(MemberStatusChange, site=network_admin_site)
class MemberStatusChangeAdmin(LogAdmin):
    list_display = ["at", "member", "action", "by_email"]
    list_filter = ["action"]
    list_select_related = ["member"]
