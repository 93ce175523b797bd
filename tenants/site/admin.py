from django.contrib import admin

from tenants.site.models import SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_fr", "hcp_code"]
    readonly_fields = ["hcp_code", "tier", "population_2024"]
