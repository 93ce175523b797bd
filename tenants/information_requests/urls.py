from django.urls import path

from tenants.information_requests import views

app_name = "information_requests"

urlpatterns = [
    path("", views.index, name="index"),
]
