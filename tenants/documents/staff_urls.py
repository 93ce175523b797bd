from django.urls import path

from tenants.documents import staff_views

urlpatterns = [
    path("", staff_views.list, name="list"),
    path("new/", staff_views.document_new, name="new"),
    path("<int:pk>/edit/", staff_views.document_edit, name="edit"),
    path("<int:pk>/delete/", staff_views.document_delete, name="delete"),
]
