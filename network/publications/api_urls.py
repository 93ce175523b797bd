"""Network API paths of the publications (included by network/api_urls.py)."""

from django.urls import path

from network.publications import api

urlpatterns = [
    path("news/", api.NewsItemListApi.as_view(), name="news-list"),
    path("news/<int:pk>/", api.NewsItemDetailApi.as_view(), name="news-detail"),
    path("best-practices/", api.BestPracticeListApi.as_view(), name="best-practice-list"),
    path(
        "best-practices/<int:pk>/", api.BestPracticeDetailApi.as_view(), name="best-practice-detail"
    ),
    path("trainings/", api.TrainingListApi.as_view(), name="training-list"),
    path("trainings/<int:pk>/", api.TrainingDetailApi.as_view(), name="training-detail"),
    path(
        "commitment-templates/",
        api.CommitmentTemplateListApi.as_view(),
        name="commitment-template-list",
    ),
    path(
        "commitment-templates/<int:pk>/",
        api.CommitmentTemplateDetailApi.as_view(),
        name="commitment-template-detail",
    ),
    path(
        "commitment-templates/<int:pk>/copies/",
        api.TemplateCopyListApi.as_view(),
        name="commitment-template-copies",
    ),
]
