from django.urls import path

from tenants.consultations import staff_views

urlpatterns = [
    path("", staff_views.comment_list, name="list"),
    path("<int:pk>/", staff_views.comment_detail, name="detail"),
    path("<int:pk>/hide/", staff_views.comment_hide, name="hide"),
    path("<int:pk>/restore/", staff_views.comment_restore, name="restore"),
    path("<int:pk>/response/", staff_views.comment_respond, name="respond"),
]
