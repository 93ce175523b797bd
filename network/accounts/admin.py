from django.contrib import admin

from network.accounts.models import NetworkRole
from network.portal.admin_site import network_admin_site


@admin.register(NetworkRole, site=network_admin_site)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "region__name_fr", "region__name_ar"]
    list_select_related = ["user", "region"]
    raw_id_fields = ["user"]
