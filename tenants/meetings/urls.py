from django.urls import path

from tenants.meetings import calendar_feed, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_index, name="list"),
    path("calendar.ics", calendar_feed.calendar_feed, name="calendar"),
    path("<int:pk>/calendar.ics", calendar_feed.meeting_calendar, name="meeting_calendar"),
    path("<int:pk>/", views.meeting_page, name="detail"),
    path("<int:pk>/register/", views.meeting_register, name="register"),
    path("<int:pk>/register/done/", views.meeting_registered, name="registered"),
    path("registration/<str:token>/cancel/", views.registration_cancel_page, name="cancel"),
]
