from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data across the member's apps (law 09-08): the retention table and its daily
    purge, the notice under every form, the privacy page, and a person's data found, exported
    and erased by the focal point. No table of its own: its logs (`PersonalDataRead`,
    `RetentionPurge`) are the site's. Above the content apps, which it reads and which never
    import it (they include its notice template by name)."""

    name = "tenants.privacy"
    label = "privacy"
    verbose_name = _("Personal data")
