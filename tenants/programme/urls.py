from django.urls import include, path

from tenants.programme import views

app_name = "programme"

urlpatterns = [
    path("", views.programme, name="programme"),
    path("commitments/<int:pk>/", views.commitment, name="commitment"),
    path("pdf/", include("tenants.programme.pdf_urls")),
]
