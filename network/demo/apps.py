from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo network (`manage.py seed_demo`): no table. Above every other network app, as
    it provisions members, seeds each member app's story and the publications, and refreshes
    the snapshots; nothing imports it."""

    name = "network.demo"
    label = "demo"
