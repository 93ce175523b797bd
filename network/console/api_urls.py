"""Network API paths of the directorate console (included by network/api_urls.py)."""

from django.urls import path

from network.console import api

urlpatterns = [
    path("members/", api.MemberListApi.as_view(), name="member-list-api"),
    path("members/<str:schema_name>/", api.MemberDetailApi.as_view(), name="member-detail-api"),
    path(
        "members/<str:schema_name>/suspend/",
        api.MemberSuspendApi.as_view(),
        name="member-suspend-api",
    ),
    path(
        "members/<str:schema_name>/resume/", api.MemberResumeApi.as_view(), name="member-resume-api"
    ),
    path(
        "regions/<str:region_code>/members/",
        api.RegionMemberListApi.as_view(),
        name="region-member-list-api",
    ),
    path("onboardings/", api.OnboardingListApi.as_view(), name="onboarding-list-api"),
    path("onboardings/<int:pk>/", api.OnboardingDetailApi.as_view(), name="onboarding-detail-api"),
    path("registry/", api.RegistrySearchApi.as_view(), name="registry-search-api"),
]
