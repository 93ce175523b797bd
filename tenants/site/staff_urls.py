from django.urls import path

from tenants.site import staff_views

urlpatterns = [
    path("branding/", staff_views.branding, name="branding"),
    path("team/", staff_views.team, name="team"),
    path("team/invite/", staff_views.team_invite, name="team-invite"),
    path("team/<int:pk>/", staff_views.team_member, name="team-member"),
    path("team/<int:pk>/remove/", staff_views.team_remove, name="team-remove"),
]
