from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "tenants.programme"
    label = "programme"

    def ready(self):
        from tenants.site.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
