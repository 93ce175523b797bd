from django.urls import path

from tenants.site import staff_views

urlpatterns = [
    path("branding/", staff_views.branding, name="branding"),
    path("team/", staff_views.team, name="team"),
]
