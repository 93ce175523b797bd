from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "network.publications"
    label = "publications"
    verbose_name = _("Network publications")

    def ready(self):
        # The member side reaches the catalogue of commitment templates and reports its copies
        # through platform modules only (it never imports the network): connect both here.
        from network.publications import catalogue_provider  # noqa: F401
