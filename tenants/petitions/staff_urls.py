from django.urls import path

from tenants.petitions import staff_views

urlpatterns = [
    path("", staff_views.petition_list, name="list"),
    path("<int:pk>/", staff_views.detail, name="detail"),
]
