from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "network.portal"
    label = "portal"
    verbose_name = "Network portal"
