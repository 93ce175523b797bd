from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.accounts.models import NetworkRole
from network.admin_site import network_admin_site


@admin.register(NetworkRole, site=network_admin_site)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "region__name_fr", "region__name_ar"]
    list_select_related = ["user", "region"]
    raw_id_fields = ["user"]


class TwoFactorDeviceAdmin(admin.ModelAdmin):
    """A lost phone: a directorate administrator removes the account's authenticator here; at
    its next sign-in the account sets up a new one (with new recovery codes: the old ones
    are replaced). Listed and deleted only: nobody reads or types a secret here."""

    list_display = fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    search_fields = ["user__email", "user__username"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


network_admin_site.register(TOTPDevice, TwoFactorDeviceAdmin)
