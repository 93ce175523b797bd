"""The REST API of a member's site: public reads, staff writes by role."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kernel.api import ApiNotFound

urlpatterns = [
    path("", include("tenants.programme.api_urls")),
    path("", include("tenants.meetings.api_urls")),
    path("", include("tenants.documents.api_urls")),
    path("", include("tenants.consultations.api_urls")),
    path("", include("tenants.information_requests.api_urls")),
    path("", include("tenants.petitions.api_urls")),
    path("", include("tenants.ideas.api_urls")),
    path("", include("tenants.surveys.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Anything else under /api/ (ending in a slash, so that APPEND_SLASH still redirects).
    re_path(r"^.*/$", ApiNotFound.as_view()),
]
