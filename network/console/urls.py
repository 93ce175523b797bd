from django.urls import path

from network.console import calendar_views, views

urlpatterns = [
    path("", views.home, name="console-home"),
    path("onboard/", views.onboard, name="console-onboard"),
    path("onboardings/<int:onboarding_id>/", views.onboarding_detail, name="console-onboarding"),
    path("members/", views.member_list, name="console-members"),
    path("calendar/", calendar_views.calendar, name="console-calendar"),
    path("members/<str:schema_name>/", views.member_detail, name="console-member"),
    path("members/<str:schema_name>/suspend/", views.member_suspend, name="console-suspend"),
    path("members/<str:schema_name>/resume/", views.member_resume, name="console-resume"),
    path("members/<str:schema_name>/assist/", views.member_assist, name="console-assist"),
    path("members/<str:schema_name>/invite/", views.member_invite, name="console-invite"),
]
