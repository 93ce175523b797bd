from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tenants.petitions"
    label = "petitions"

    def ready(self):
        from tenants.site.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
