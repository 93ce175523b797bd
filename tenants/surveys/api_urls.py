from django.urls import path

from tenants.surveys.api import SurveyDetailApi, SurveyListApi, SurveyResultsApi

urlpatterns = [
    path("surveys/", SurveyListApi.as_view(), name="api-survey-list"),
    path("surveys/<int:pk>/", SurveyDetailApi.as_view(), name="api-survey-detail"),
    path("surveys/<int:pk>/results/", SurveyResultsApi.as_view(), name="api-survey-results"),
]
