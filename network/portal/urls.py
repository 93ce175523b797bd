"""Pages of the public network portal (public schema): included by config/urls_public.py."""

from django.urls import path

from network.portal import views

app_name = "portal"

urlpatterns = [
    path("news/", views.news_list, name="news"),
    path("news/<int:pk>/", views.news_detail, name="news-detail"),
    path("best-practices/", views.best_practice_list, name="best-practices"),
    path("best-practices/<int:pk>/", views.best_practice_detail, name="best-practice-detail"),
    path("trainings/", views.training_list, name="trainings"),
    path("commitment-templates/", views.commitment_template_list, name="templates"),
    path(
        "commitment-templates/<int:pk>/", views.commitment_template_detail, name="template-detail"
    ),
    path("search/", views.search, name="search"),
]
