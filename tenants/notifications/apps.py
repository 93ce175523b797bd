from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tenants.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from events import member_event
        from kernel.mail import mail_requested
        from tenants.notifications.recording import mail_record
        from tenants.notifications.receivers import notifications_from_event

        member_event.connect(notifications_from_event, dispatch_uid="notifications_from_event")
        mail_requested.connect(mail_record, dispatch_uid="notifications_mail_record")
