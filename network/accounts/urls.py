from django.urls import path

from network.accounts import views

urlpatterns = [
    path("sign-in/", views.NetworkSignInView.as_view(), name="network-sign-in"),
    path("sign-out/", views.NetworkSignOutView.as_view(), name="network-sign-out"),
]
