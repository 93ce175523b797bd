from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "tenants.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from kernel.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
