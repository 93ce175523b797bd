from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "network.members"
    label = "members"
    verbose_name = "Members of the network"

    def ready(self):
        from network.members import signals  # noqa: F401  (routing cache invalidation)
