"""URLs of a member's openness site (the member's schema, <slug>.<NETWORK_DOMAIN>)."""

from django.contrib import admin
from django.urls import include, path

from tenants.site import assistance as site_assistance
from tenants.privacy import views as privacy
from tenants.site import views as site
from ui.views import health, switch_language

urlpatterns = [
    path("", site.home, name="site-home"),
    path("programme/", include("tenants.programme.urls")),
    path("meetings/", include("tenants.meetings.urls")),
    path("documents/", include("tenants.documents.urls")),
    path("consultations/", include("tenants.consultations.urls")),
    path("information-requests/", include("tenants.information_requests.urls")),
    path("petitions/", include("tenants.petitions.urls")),
    path("ideas/", include("tenants.ideas.urls")),
    path("surveys/", include("tenants.surveys.urls")),
    path("search/", include("tenants.search.urls")),
    path("notifications/", include("tenants.notifications.urls")),
    path("open-data/", include("tenants.figures.opendata")),
    path("privacy/", privacy.privacy, name="privacy"),
    path("lang/<str:language>/", switch_language, name="switch-language"),
    path("healthz", health, name="health"),
    path(
        "staff/set-password/<uidb64>/<token>/",
        site.StaffSetPasswordView.as_view(),
        name="staff-set-password",
    ),
    path("staff/", include("tenants.workspace.urls")),
    path("api/", include("tenants.api_urls")),
    path("media/members/<str:schema_name>/<path:path>", site.member_file, name="member-file"),
    path("admin/assist/<str:token>/", site_assistance.assistance_redeem, name="assistance-redeem"),
    path("admin/", admin.site.urls),
]

# Error pages in this host's frame and the visitor's language (platform/ui/errors.py).
handler403 = "ui.errors.permission_denied"
handler404 = "ui.errors.page_not_found"
handler500 = "ui.errors.server_error"
