"""Network API paths of the figures (included by network/api_urls.py)."""

from django.urls import path

from network.aggregation import api

urlpatterns = [
    path("snapshots/", api.SnapshotListApi.as_view(), name="snapshot-list"),
    path("snapshots/<str:hcp_code>/", api.SnapshotDetailApi.as_view(), name="snapshot-detail"),
    path("dashboard/", api.DashboardApi.as_view(), name="network-dashboard-api"),
    path(
        "comparison/<str:region_code>/", api.ComparisonApi.as_view(), name="network-comparison-api"
    ),
]
