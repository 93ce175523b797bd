from django.urls import path

from tenants.information_requests import views

app_name = "information_requests"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/mine/<str:token>/", views.mine, name="mine"),
]
