from django.urls import path

from tenants.site import staff_views

urlpatterns = [
    path("branding/", staff_views.branding, name="branding"),
    path("team/", staff_views.team, name="team"),
    path("team/invite/", staff_views.team_invite, name="team-invite"),
    path("team/<int:pk>/", staff_views.team_member, name="team-member"),
    path("team/<int:pk>/remove/", staff_views.team_remove, name="team-remove"),
    path("personal-data/", staff_views.personal_data, name="personal-data"),
    path("personal-data/export/", staff_views.personal_data_download, name="personal-data-export"),
    path("personal-data/erase/", staff_views.personal_data_erasure, name="personal-data-erase"),
    path("personal-data/log/", staff_views.personal_data_log, name="personal-data-log"),
]
