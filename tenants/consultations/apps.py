from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "tenants.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from kernel.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
