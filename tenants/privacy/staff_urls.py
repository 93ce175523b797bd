from django.urls import path

from tenants.privacy import staff_views

urlpatterns = [
    path("", staff_views.personal_data, name="personal-data"),
    path("export/", staff_views.personal_data_download, name="personal-data-export"),
    path("erase/", staff_views.personal_data_erasure, name="personal-data-erase"),
    path("log/", staff_views.personal_data_log, name="personal-data-log"),
]
