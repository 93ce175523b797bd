from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tenants.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from events import member_event
        from tenants.notifications.receivers import notifications_from_event

        member_event.connect(notifications_from_event, dispatch_uid="notifications_from_event")
