from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tenants.meetings"
    label = "meetings"

    def ready(self):
        from tenants.site.page_cache import invalidate_pages_on_change

        invalidate_pages_on_change(self)
