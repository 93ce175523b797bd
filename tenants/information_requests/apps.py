from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationRequestsConfig(AppConfig):
    name = "tenants.information_requests"
    label = "information_requests"
    verbose_name = _("Access to information")

    def ready(self):
        from kernel.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
