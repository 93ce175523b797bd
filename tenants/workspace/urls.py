"""The staff workspace, `/staff/` on every member's host. Each app brings its own pages
(`staff_urls.py` beside its public `urls.py`); they are mounted here under one namespace."""

from django.urls import include, path

from tenants.workspace import views

app_name = "staff"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("sign-in/", views.StaffSignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("requests/", include(("tenants.information_requests.staff_urls", "requests"))),
    path("comments/", include(("tenants.consultations.staff_urls", "comments"))),
    path("petitions/", include(("tenants.petitions.staff_urls", "petitions"))),
    path("programme/", include(("tenants.programme.staff_urls", "programme"))),
    path("meetings/", include(("tenants.meetings.staff_urls", "meetings"))),
    path("documents/", include(("tenants.documents.staff_urls", "documents"))),
    path("ideas/", include(("tenants.ideas.staff_urls", "ideas"))),
    path("surveys/", include(("tenants.surveys.staff_urls", "surveys"))),
    path("newsletters/", include(("tenants.notifications.staff_urls", "newsletters"))),
    path("site/", include(("tenants.site.staff_urls", "site"))),
    path("site/personal-data/", include(("tenants.privacy.staff_urls", "privacy"))),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/code/", views.two_factor_code, name="two-factor-code"),
]
