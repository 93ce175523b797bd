from django.urls import path

from network.accounts import views

urlpatterns = [
    path("sign-in/", views.NetworkSignInView.as_view(), name="network-sign-in"),
    path("sign-out/", views.NetworkSignOutView.as_view(), name="network-sign-out"),
    path("two-factor/", views.two_factor, name="network-two-factor"),
    path("two-factor/code/", views.two_factor_code, name="network-two-factor-code"),
]
