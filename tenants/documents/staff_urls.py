from django.urls import path

from tenants.documents import staff_views

urlpatterns = [
    path("", staff_views.list, name="list"),
]
