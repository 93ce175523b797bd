"""The network's REST API (public schema, /api/ on NETWORK_DOMAIN) and its OpenAPI schema.
Each network app adds its paths with one line here (viewsets register on `router`).

Session authentication only, on every view here, and the schema says so: DRF's tokens live in
the members' schemas (`rest_framework.authtoken` is a member app), the public schema has no
token table, so a `Token` header must not even be looked up (tests/test_api_robustness.py
walks these URLs to keep it so)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authentication import SessionAuthentication
from rest_framework.routers import APIRootView, DefaultRouter

from kernel.api import ApiNotFound

SESSION_ONLY = [SessionAuthentication]


class NetworkApiRootView(APIRootView):
    authentication_classes = SESSION_ONLY


router = DefaultRouter()
router.APIRootView = NetworkApiRootView

urlpatterns = [
    path("", include("network.publications.api_urls")),
    path("", include("network.aggregation.api_urls")),
    path("", include("network.console.api_urls")),
    path(
        "schema/",
        SpectacularAPIView.as_view(
            urlconf="config.urls_public",
            authentication_classes=SESSION_ONLY,
            custom_settings={"TITLE": "Infitah network API"},
        ),
        name="api-schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", authentication_classes=SESSION_ONLY),
        name="api-docs",
    ),
    path("", include(router.urls)),
    # Anything else under /api/ (ending in a slash, so that APPEND_SLASH still redirects).
    re_path(r"^.*/$", ApiNotFound.as_view()),
]
