from django.contrib import admin

from network.registry.models import Collectivity


@admin.register(Collectivity)
class CollectivityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "tier", "kind", "population_2024"]
    list_filter = ["tier", "kind", "region"]
    search_fields = ["code", "name_ar", "name_fr", "slug"]
    list_select_related = ["region"]
    raw_id_fields = ["region", "province"]
