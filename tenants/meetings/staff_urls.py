from django.urls import path

from tenants.meetings import staff_views

urlpatterns = [
    path("", staff_views.meeting_list, name="list"),
    path("<int:pk>/", staff_views.meeting_page, name="detail"),
    path("<int:pk>/attendance/", staff_views.attendance_record, name="attendance"),
    path("<int:pk>/minutes/", staff_views.minutes_upload, name="minutes"),
    path("<int:pk>/photos/", staff_views.photo_add, name="photos"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", staff_views.photo_delete, name="photo-delete"),
]
