from django.urls import path

from tenants.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_index, name="list"),
    path("<int:pk>/", views.meeting_page, name="detail"),
    path("<int:pk>/register/", views.meeting_register, name="register"),
    path("<int:pk>/register/done/", views.meeting_registered, name="registered"),
    path("registration/<str:token>/cancel/", views.registration_cancel_page, name="cancel"),
]
