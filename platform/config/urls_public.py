"""URLs of the network portal (public schema, NETWORK_DOMAIN)."""
from django.urls import include, path
from django.views.generic import RedirectView

from ui.views import health, switch_language

from network.portal import views as portal
from network.portal.admin_site import network_admin_site

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("", include("network.portal.urls")),
    path("", include("network.aggregation.urls")),
    path("lang/<str:language>/", switch_language, name="switch-language"),
    path("healthz", health, name="health"),
    path("", include("network.accounts.urls")),
    path("console/", include("network.console.urls")),
    # One door for network accounts: the back office's login is the network's sign-in page.
    path("admin/login/", RedirectView.as_view(pattern_name="network-sign-in", query_string=True)),
    path("admin/", network_admin_site.urls),
    path("api/", include("network.api_urls")),
]
