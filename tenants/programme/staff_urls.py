from django.urls import path

from tenants.programme import staff_views

urlpatterns = [
    path("", staff_views.commitments, name="commitments"),
    path("commitments/<int:pk>/", staff_views.commitment, name="commitment"),
]
