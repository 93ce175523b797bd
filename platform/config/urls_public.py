"""URLs of the network portal (public schema, NETWORK_DOMAIN)."""
from django.urls import include, path

from ui.views import health, switch_language

from network.portal import views as portal
from network.portal.admin_site import network_admin_site

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("lang/<str:language>/", switch_language, name="switch-language"),
    path("healthz", health, name="health"),
    path("admin/", network_admin_site.urls),
]
