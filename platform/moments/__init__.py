"""Moments people type into the platform (any schema): one rule for how early they may be.

Before 1913 Morocco's clock was local mean time, whose offset (-00:30:20) no ISO 8601 reader
accepts back, so such a moment could be stored but not read back through the APIs; and a date
before the network's programmes began is a typing error anyway.
"""

from datetime import UTC, datetime

from django.utils.translation import gettext as _
from rest_framework import serializers

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


class PlausibleMomentsMixin:
    """For a DRF serializer: every date-time it is given must fall after EARLIEST (400)."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        too_early = {
            name: _("Give a date after 1 January 2000.")
            for name, value in attrs.items()
            if isinstance(value, datetime) and value < EARLIEST
        }
        if too_early:
            raise serializers.ValidationError(too_early)
        return attrs
