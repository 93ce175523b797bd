from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "network.members"
    label = "members"
    verbose_name = _("Members of the network")

    def ready(self):
        from network.members import signals  # noqa: F401  (routing cache invalidation)
