"""The network's REST API (public schema, /api/ on NETWORK_DOMAIN) and its OpenAPI schema.
Each network app adds its paths with one line here (viewsets register on `router`)."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = [
    path("", include("network.publications.api_urls")),
    path("", include("network.aggregation.api_urls")),
    path("", include("network.console.api_urls")),
    path("schema/", SpectacularAPIView.as_view(
        urlconf="config.urls_public",
        custom_settings={"TITLE": "Infitah network API"}), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
