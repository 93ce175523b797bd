from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenants.site.selectors import site_profile_get


def site(request):
    """The member's profile for every page of its site (branding, names, contacts)."""
    if connection.schema_name == get_public_schema_name():
        return {}
    return {"profile": site_profile_get()}
