from django.urls import path

from tenants.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.survey_page, name="detail"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.csv", views.export, name="export"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
