from django.urls import path

from tenants.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.index, name="index"),
]
