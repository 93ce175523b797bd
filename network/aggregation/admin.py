from django.contrib import admin

from network.aggregation.models import MemberSnapshot
from network.admin_site import network_admin_site


@admin.register(MemberSnapshot, site=network_admin_site)
class MemberSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by the aggregation only."""

    list_display = ["member", "programme_stage", "score", "on_time_share", "refreshed_at"]
    list_filter = ["programme_stage", "score"]
    search_fields = [
        "member__collectivity__name_fr",
        "member__collectivity__name_ar",
        "member__collectivity__code",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
