from django.urls import path

from tenants.documents import api

urlpatterns = [
    path("documents/", api.DocumentListApi.as_view(), name="api-documents"),
    path("documents/<int:pk>/", api.DocumentDetailApi.as_view(), name="api-document"),
]
