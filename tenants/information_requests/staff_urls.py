from django.urls import path

from tenants.information_requests import staff_views

urlpatterns = [
    path("", staff_views.request_list, name="list"),
    path("<int:pk>/", staff_views.detail, name="detail"),
]
