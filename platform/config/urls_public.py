"""URLs of the network portal (public schema, NETWORK_DOMAIN)."""
from django.contrib import admin
from django.urls import include, path

from network.portal import views as portal

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
