from django.urls import path

from tenants.ideas import views

app_name = "ideas"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.propose, name="propose"),
    path("<int:pk>/", views.idea_page, name="detail"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/report/", views.report_idea, name="report"),
    path("comments/<int:pk>/report/", views.report_comment, name="report-comment"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
