from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The staff workspace's frame and inbox (member schema, no tables). It reads every app's
    selectors to say what waits; no app imports it back."""

    name = "tenants.workspace"
    label = "workspace"
    verbose_name = _("Staff workspace")
