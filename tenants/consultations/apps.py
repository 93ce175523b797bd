from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "tenants.consultations"
    label = "consultations"

    def ready(self):
        from tenants.site.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
