from django.urls import path

from tenants.meetings.api import (
    MeetingDetailApi,
    MeetingListApi,
    MeetingRegisterApi,
    MeetingRegistrationListApi,
)

urlpatterns = [
    path("meetings/", MeetingListApi.as_view(), name="api-meeting-list"),
    path("meetings/<int:pk>/", MeetingDetailApi.as_view(), name="api-meeting-detail"),
    path("meetings/<int:pk>/register/", MeetingRegisterApi.as_view(), name="api-meeting-register"),
    path(
        "meetings/<int:pk>/registrations/",
        MeetingRegistrationListApi.as_view(),
        name="api-meeting-registrations",
    ),
]
