from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "tenants.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from kernel.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
