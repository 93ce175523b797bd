from django.urls import path

from tenants.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.consultation_page, name="detail"),
    path("comments/<int:pk>/report/", views.report, name="report"),
    path("verify/<str:token>/", views.verify, name="verify"),
]
