from django.urls import path

from tenants.programme import api

urlpatterns = [
    path("programme/", api.ProgrammeCurrentApi.as_view(), name="api-programme"),
    path("commitments/", api.CommitmentListApi.as_view(), name="api-commitments"),
    path("commitments/<int:pk>/", api.CommitmentDetailApi.as_view(), name="api-commitment"),
    path(
        "commitments/<int:commitment_pk>/milestones/",
        api.MilestoneListApi.as_view(),
        name="api-milestones",
    ),
    path("milestones/<int:pk>/", api.MilestoneDetailApi.as_view(), name="api-milestone"),
    path("progress-updates/", api.ProgressUpdateListApi.as_view(), name="api-progress-updates"),
]
