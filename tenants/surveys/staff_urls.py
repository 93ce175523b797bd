from django.urls import path

from tenants.surveys import staff_views

urlpatterns = [
    path("", staff_views.survey_list, name="list"),
    path("new/", staff_views.survey_new, name="new"),
    path("<int:pk>/", staff_views.survey_page, name="detail"),
    path("<int:pk>/edit/", staff_views.survey_edit, name="edit"),
    path("<int:pk>/questions/", staff_views.question_add, name="question-add"),
    path("<int:pk>/questions/<int:question_pk>/", staff_views.question_edit, name="question-edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/move/",
        staff_views.question_move,
        name="question-move",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        staff_views.question_delete,
        name="question-delete",
    ),
    path("<int:pk>/open/", staff_views.survey_open, name="open"),
    path("<int:pk>/close/", staff_views.survey_close, name="close"),
    path("<int:pk>/results/", staff_views.results, name="results"),
    path("<int:pk>/results.csv", staff_views.export, name="export"),
]
