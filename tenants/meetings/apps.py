from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tenants.meetings"
    label = "meetings"
    verbose_name = _("Meetings and workshops")

    def ready(self):
        from kernel.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
