from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "network.registry"
    label = "registry"
    verbose_name = "Registry of territorial collectivities"
