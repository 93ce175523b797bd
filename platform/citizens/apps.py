from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    """What every schema shares about the people a member serves, and the official calendar
    of public holidays (its decisions live in the public schema; members read them there)."""

    name = "citizens"
    label = "citizens"
    verbose_name = _("Official calendar")
