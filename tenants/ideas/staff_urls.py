from django.urls import path

from tenants.ideas import staff_views

urlpatterns = [
    path("", staff_views.idea_list, name="list"),
    path("<int:pk>/", staff_views.idea_detail, name="detail"),
    path("<int:pk>/answer/", staff_views.idea_answer, name="answer"),
    path("<int:pk>/hide/", staff_views.idea_hide, name="hide"),
    path("<int:pk>/restore/", staff_views.idea_restore, name="restore"),
    path("comments/<int:pk>/hide/", staff_views.comment_hide, name="comment-hide"),
    path("comments/<int:pk>/restore/", staff_views.comment_restore, name="comment-restore"),
]
