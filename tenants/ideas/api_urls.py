from django.urls import path

from tenants.ideas import api

urlpatterns = [
    path("ideas/", api.IdeaListApi.as_view(), name="api-idea-list"),
    path("ideas/<int:pk>/", api.IdeaDetailApi.as_view(), name="api-idea-detail"),
]
