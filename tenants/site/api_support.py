"""What every member API shares: services' validation errors become 400s, in the user's language."""
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from django_tenants.utils import get_public_schema_name
from rest_framework.exceptions import ValidationError

from tenants.site.roles import Role, user_role


def run_service(service, **kwargs):
    """Call a service; its Django ValidationError becomes DRF's (400 with the messages)."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict if hasattr(error, "error_dict")
                              else {"detail": error.messages}) from error


def actor(request) -> str:
    """How a change's author is recorded in public histories: the person's full name, never an
    e-mail (staff sign in with theirs) nor an id; without a name, the label of their role, in
    the site's language (Arabic) whatever the page's."""
    user = request.user
    name = user.get_full_name().strip()
    if name:
        return name
    with translation.override(settings.LANGUAGE_CODE):
        role = user_role(user)
        if role:
            return str(Role(role).label)
        # A network account (public schema): its role's label, read through the relation
        # (a member's code never imports the network's).
        if connection.schema_name == get_public_schema_name():
            try:
                return str(user.network_role.get_role_display())
            except ObjectDoesNotExist:
                pass
        return gettext("A member of staff")
