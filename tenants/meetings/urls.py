from django.urls import path

from tenants.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_index, name="list"),
    path("<int:pk>/", views.meeting_page, name="detail"),
]
