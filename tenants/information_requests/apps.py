from django.apps import AppConfig


class InformationRequestsConfig(AppConfig):
    name = "tenants.information_requests"
    label = "information_requests"

    def ready(self):
        from tenants.site.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
