"""Directorate administrators hold every permission of the network's back office; nobody else
gets a permission from a network role. Answered in the public schema only."""

from network.accounts.access import is_directorate


class NetworkRoleBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None) -> bool:
        return is_directorate(user)

    def has_module_perms(self, user, app_label) -> bool:
        return is_directorate(user)
