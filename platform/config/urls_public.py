"""URLs of the network portal (public schema, NETWORK_DOMAIN)."""
from django.contrib import admin
from django.urls import include, path

from ui.views import switch_language

from network.portal import views as portal

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("lang/<str:language>/", switch_language, name="switch-language"),
    path("admin/", admin.site.urls),
]
