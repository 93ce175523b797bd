from django.urls import path

from tenants.meetings.api import MeetingDetailApi, MeetingListApi

urlpatterns = [
    path("meetings/", MeetingListApi.as_view(), name="api-meeting-list"),
    path("meetings/<int:pk>/", MeetingDetailApi.as_view(), name="api-meeting-detail"),
]
