from django.urls import path

from tenants.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_index, name="index"),
    path("new/", views.petition_new, name="new"),
    path("new/done/", views.petition_filed, name="filed"),
    path("<int:pk>/", views.petition_page, name="detail"),
    path("<int:pk>/sign/", views.petition_sign, name="sign"),
    path("<int:pk>/signed/", views.petition_signed, name="signed"),
    path("agent/<str:key>/", views.petition_agent, name="agent"),
]
