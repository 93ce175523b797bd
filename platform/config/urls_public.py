"""URLs of the network portal (public schema, NETWORK_DOMAIN)."""

from django.urls import include, path

from ui.views import health, switch_language

from network.accounts.views import back_office_sign_in
from network.portal import views as portal
from network.admin_site import network_admin_site

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("", include("network.portal.urls")),
    path("", include("network.aggregation.urls")),
    path("lang/<str:language>/", switch_language, name="switch-language"),
    path("healthz", health, name="health"),
    path("", include("network.accounts.urls")),
    path("console/", include("network.console.urls")),
    # One door for network accounts: the back office's login is the network's sign-in page
    # (and a signed-in account without the right is sent to its own pages, never looped).
    path("admin/login/", back_office_sign_in, name="network-back-office-sign-in"),
    path("admin/", network_admin_site.urls),
    path("api/", include("network.api_urls")),
]

# Error pages in this host's frame and the visitor's language (platform/ui/errors.py).
handler403 = "ui.errors.permission_denied"
handler404 = "ui.errors.page_not_found"
handler500 = "ui.errors.server_error"

# Readiness and metrics, for operators and their monitors (platform/observability): on the
# network's host only, never page-cached, no member needed.
from observability import views as observability  # noqa: E402

urlpatterns += [
    path("readyz", observability.readiness, name="readiness"),
    path("metrics", observability.metrics, name="metrics"),
]
