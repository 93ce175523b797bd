from django.urls import path

from tenants.notifications import views

urlpatterns = [
    path("", views.subscribe, name="notifications-subscribe"),
    path("sent/", views.subscribe_sent, name="notifications-sent"),
    path("verify/<str:token>/", views.verify, name="notifications-verify"),
    path("manage/<str:token>/", views.manage, name="notifications-manage"),
    path("follow/<str:token>/", views.follow, name="notifications-follow"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="notifications-unsubscribe"),
]
