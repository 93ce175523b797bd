from django.contrib import admin

from network.admin_site import network_admin_site
from network.registry.models import Collectivity


@admin.register(Collectivity, site=network_admin_site)
class CollectivityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "tier", "kind", "population_2024"]
    list_filter = ["tier", "kind", "region"]
    search_fields = ["code", "name_ar", "name_fr", "slug"]
    list_select_related = ["region"]
    raw_id_fields = ["region", "province"]
