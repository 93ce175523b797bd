from django.urls import path

from tenants.notifications import staff_views

urlpatterns = [
    path("", staff_views.newsletter_list_page, name="list"),
    path("new/", staff_views.newsletter_new, name="new"),
    path("<int:pk>/", staff_views.newsletter_detail, name="detail"),
    path("<int:pk>/edit/", staff_views.newsletter_edit, name="edit"),
    path("<int:pk>/send/", staff_views.newsletter_send_page, name="send"),
]
