"""The spreadsheet import of milestones, under the programme's workspace (staff_urls.py)."""

from django.urls import path

from tenants.programme import staff_import_views

urlpatterns = [
    path("", staff_import_views.upload, name="progress-import"),
    path("milestones.csv", staff_import_views.export_csv, name="progress-export-csv"),
    path("milestones.xlsx", staff_import_views.export_xlsx, name="progress-export-xlsx"),
    path("result/", staff_import_views.result, name="progress-import-result"),
    path("<str:signed>/", staff_import_views.preview, name="progress-import-preview"),
]
