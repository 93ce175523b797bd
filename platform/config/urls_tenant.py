"""URLs of a member's openness site (the member's schema, <slug>.<NETWORK_DOMAIN>)."""
from django.contrib import admin
from django.urls import include, path

from tenants.site import views as site

urlpatterns = [
    path("", site.home, name="site-home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
