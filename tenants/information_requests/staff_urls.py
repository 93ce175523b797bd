from django.urls import path

from tenants.information_requests import staff_views

urlpatterns = [
    path("", staff_views.request_list, name="list"),
    path("new/", staff_views.new, name="new"),
    path("complaints/", staff_views.complaints, name="complaints"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/scan/", staff_views.scan, name="scan"),
    path("<int:pk>/complaint-scan/", staff_views.complaint_scan, name="complaint-scan"),
]
