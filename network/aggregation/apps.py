from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AggregationConfig(AppConfig):
    """The network's figures: one snapshot per member (public schema), the dashboard, the
    regional comparison and the open data; never reads a member's schema on a request."""

    name = "network.aggregation"
    label = "aggregation"
    verbose_name = _("Network figures")
