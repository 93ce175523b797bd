from django.urls import path

from tenants.consultations import api

urlpatterns = [
    path("consultations/", api.ConsultationListApi.as_view(), name="api-consultation-list"),
    path(
        "consultations/<int:pk>/",
        api.ConsultationDetailApi.as_view(),
        name="api-consultation-detail",
    ),
    path(
        "consultations/<int:pk>/comments/",
        api.CommentSubmitApi.as_view(),
        name="api-consultation-comment-submit",
    ),
    path(
        "consultations/comments/",
        api.StaffCommentListApi.as_view(),
        name="api-consultation-comment-list",
    ),
    path(
        "consultations/comments/<int:pk>/report/",
        api.CommentReportApi.as_view(),
        name="api-consultation-comment-report",
    ),
    path(
        "consultations/comments/<int:pk>/response/",
        api.CommentResponseApi.as_view(),
        name="api-consultation-comment-response",
    ),
    path(
        "consultations/comments/<int:pk>/moderation/",
        api.CommentModerationApi.as_view(),
        name="api-consultation-comment-moderation",
    ),
]
