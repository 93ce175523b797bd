"""Pages of the network's figures (public schema): included by config/urls_public.py."""

from django.urls import path

from network.aggregation import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="network-dashboard"),
    path("comparison/", views.comparison_landing, name="network-comparison"),
    path("comparison/<str:region_code>/", views.comparison, name="network-comparison-region"),
    path("open-data/", views.open_data, name="open-data"),
    path("open-data/snapshots.csv", views.open_data_csv, name="open-data-csv"),
    path("open-data/snapshots.json", views.open_data_json, name="open-data-json"),
    path("open-data/schema.json", views.open_data_schema, name="open-data-schema"),
    path("open-data/catalog.jsonld", views.open_data_catalog, name="open-data-catalog"),
]
