from django.urls import path

from tenants.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.library, name="library"),
]
