"""The one permission class of the member APIs' staff operations.

A member's roles (focal point, editor, moderator, the directorate's assistance) give their
permissions at check time (tenants/site/roles.py, an authentication backend), so an API names
the permissions an operation needs, never a role: what each role may do stays written once.
Public reads and writes say `AllowAny`; the other operations keep the project's default
(`DjangoModelPermissionsOrAnonReadOnly`, the model's permissions through the same roles).
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import BasePermission


class StaffMay(BasePermission):
    """A signed-in member of staff whose role gives every permission in the view's
    `required_perms` (a list, or a property when they depend on the request's method)."""

    def has_permission(self, request, view) -> bool:
        perms = getattr(view, "required_perms", None)
        if not perms:
            raise ImproperlyConfigured(f"{type(view).__name__} names no required_perms")
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(perms))
