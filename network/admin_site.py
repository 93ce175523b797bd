"""The network's own back office (public schema), separate from the members' back offices:
the default admin site lists member models, whose tables exist only in member schemas."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _


class NetworkAdminSite(admin.AdminSite):
    site_header = _("Network back office")
    site_title = _("Network back office")
    index_title = _("Moroccan network of open territorial collectivities")


class NetworkUserAdmin(UserAdmin):
    """Network accounts are deactivated, never deleted: the network's logs (assistance visits,
    suspensions) keep naming who did what. (Deleting would also reach for the API tokens'
    table, which exists in members' schemas only.)"""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


network_admin_site = NetworkAdminSite(name="network_admin")
network_admin_site.register(User, NetworkUserAdmin)
network_admin_site.register(Group, GroupAdmin)
